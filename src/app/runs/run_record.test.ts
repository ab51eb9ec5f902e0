import { describe, expect, it } from 'vitest';
import {
  RUN_SCHEMA_VERSION,
  buildRunRecord,
  decodeRunRecord,
  defaultRunName,
  isComparable,
  isSameDataset,
  keptEpoch,
  markRunFailed,
  nextRunSeq,
} from './run_record';
import { makeEpochs, makeReport, makeRun, makeRunInput } from './test_support';
import type { DatasetSummary } from '../../worker/protocol';

describe('buildRunRecord', () => {
  it('stamps the current schema version', () => {
    expect(makeRun().schemaVersion).toBe(RUN_SCHEMA_VERSION);
  });

  it('names the run by k, step size, backend and number', () => {
    expect(makeRun({ seq: 3 }).name).toBe('k 64 · Adam 0.005 · WASM #3');
  });

  it('keeps a name given in the input', () => {
    expect(makeRun({ name: 'baseline' }).name).toBe('baseline');
  });

  it('adds elapsed seconds to each epoch', () => {
    const record = makeRun();
    expect(record.epochs.map((epoch) => epoch.elapsedSeconds)).toEqual([2, 4, 6]);
  });

  it('takes the status and wall time from the report', () => {
    const record = makeRun({ report: { ...makeReport(0.9, 2), reason: 'early-stopping' } });
    expect(record.status).toBe('early-stopping');
    expect(record.wallSeconds).toBe(7.5);
  });

  it('marks a run with an error as failed and sums its epoch seconds', () => {
    const record = makeRun({ report: null, error: 'Training diverged.' });
    expect(record.status).toBe('failed');
    expect(record.error).toBe('Training diverged.');
    expect(record.wallSeconds).toBe(6);
  });

  it('copies the config instead of sharing it', () => {
    const input = makeRunInput();
    const record = buildRunRecord(input);
    input.config.k = 8;
    expect(record.config.k).toBe(64);
  });
});

describe('run helpers', () => {
  it('numbers the next run after the largest seq', () => {
    expect(nextRunSeq([])).toBe(1);
    expect(nextRunSeq([makeRun({ seq: 2 }), makeRun({ seq: 7 }), makeRun({ seq: 4 })])).toBe(8);
  });

  it('finds the kept epoch, or the last one without a report', () => {
    expect(keptEpoch(makeRun({ report: makeReport(0.9, 2) }))?.epoch).toBe(2);
    expect(keptEpoch(makeRun({ report: null, error: 'x' }))?.epoch).toBe(3);
    expect(keptEpoch(makeRun({ epochs: [], report: null, error: 'x' }))).toBeNull();
  });

  it('marks a recorded run as failed', () => {
    const failed = markRunFailed(makeRun(), 'diverged');
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('diverged');
  });

  it('defaults the name to the SGD step size on the fused path', () => {
    const config = {
      ...makeRunInput().config,
      trainingPath: 'fused-sgd' as const,
      sgdLearningRate: 0.02,
    };
    expect(defaultRunName(config, 'cpu', 1)).toBe('k 64 · SGD 0.02 · CPU #1');
  });
});

describe('data set matching', () => {
  const run = makeRun().dataset;
  const cases: [string, Partial<typeof run>, boolean][] = [
    ['same name and counts', {}, true],
    ['another name', { name: 'ratings.csv' }, false],
    ['another rating count', { ratings: 99_999 }, false],
    ['another user count', { users: 944 }, false],
    ['another item count', { items: 1681 }, false],
    ['only the synthetic flag differs', { synthetic: true }, true],
  ];
  it.each(cases)('%s', (_, change, expected) => {
    expect(isSameDataset(run, { ...run, ...change })).toBe(expected);
  });

  it('compares a run of another data set only when allowed', () => {
    const other = { ...run, name: 'ratings.csv' } as unknown as DatasetSummary;
    expect(isComparable(makeRun(), other, false)).toBe(false);
    expect(isComparable(makeRun(), other, true)).toBe(true);
    expect(isComparable(makeRun(), null, false)).toBe(true);
  });
});

describe('decodeRunRecord', () => {
  it('accepts a record of the current schema unchanged', () => {
    const record = makeRun();
    expect(decodeRunRecord(structuredClone(record))).toEqual({ ok: true, record, migrated: false });
  });

  it.each([
    ['a string', 'run'],
    ['null', null],
    ['an array', []],
  ])('rejects %s', (_, value) => {
    expect(decodeRunRecord(value).ok).toBe(false);
  });

  it('rejects a record without a schema version', () => {
    const record: Record<string, unknown> = { ...makeRun() };
    delete record.schemaVersion;
    const decoded = decodeRunRecord(record);
    expect(decoded).toEqual({
      ok: false,
      reason: 'schemaVersion must be a positive integer, got undefined',
    });
  });

  it('rejects a record from a newer schema', () => {
    const decoded = decodeRunRecord({ ...makeRun(), schemaVersion: RUN_SCHEMA_VERSION + 1 });
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toContain('newer');
  });

  it.each([
    ['id', { id: 7 }, 'id must be a string'],
    ['config.k', { config: { ...makeRun().config, k: '64' } }, 'config.k must be a number'],
    ['backend', { backend: { name: 'tpu' } }, 'backend.name must be one of'],
    ['epochs', { epochs: {} }, 'epochs must be an array'],
    ['source', { source: { kind: 'import' } }, 'source.kind must be train or search'],
  ])('names the bad field %s', (_, change, reason) => {
    const decoded = decodeRunRecord({ ...makeRun(), ...change });
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toContain(reason);
  });

  it('lifts an older record through the migration steps', () => {
    // Version 1 is the first, so a made-up version 2 that renamed `title` to `name` is used.
    const { name, ...rest } = makeRun();
    const old = { ...rest, title: name };
    const schema = {
      currentVersion: 2,
      migrations: {
        1: ({ title, ...record }: Record<string, unknown>) => ({ ...record, name: title }),
      },
    };

    const decoded = decodeRunRecord(old, schema);
    if (!decoded.ok) throw new Error(`decode failed: ${decoded.reason}`);
    expect(decoded.migrated).toBe(true);
    expect(decoded.record.name).toBe(name);
    expect(decoded.record.schemaVersion).toBe(2);
  });

  it('rejects a version with no migration step', () => {
    const decoded = decodeRunRecord(makeRun(), { currentVersion: 3, migrations: {} });
    expect(decoded).toEqual({ ok: false, reason: 'no migration from version 1' });
  });

  it('accepts search runs', () => {
    const record = makeRun({ source: { kind: 'search', searchId: 's1', trial: 4 } });
    expect(decodeRunRecord(record).ok).toBe(true);
  });

  it('keeps epochs intact', () => {
    const record = makeRun({ epochs: makeEpochs(5) });
    const decoded = decodeRunRecord(structuredClone(record));
    if (!decoded.ok) throw new Error(`decode failed: ${decoded.reason}`);
    expect(decoded.record.epochs).toHaveLength(5);
  });
});
