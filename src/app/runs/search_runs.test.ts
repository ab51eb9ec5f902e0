import { describe, expect, it } from 'vitest';
import type { SearchEvent, TrialResult } from '../../worker/protocol';
import { keptEpoch, type RunRecord } from './run_record';
import { nextSearchNumber, SearchRunRecorder } from './search_runs';
import { makeEpochs, makeRun, makeRunInput } from './test_support';

const INPUT = makeRunInput();

/** Collects recorded runs and hands out seq numbers like `RunsController`. */
function makeSink() {
  const records: RunRecord[] = [];
  return {
    records,
    nextSeq: () => records.length + 1,
    addRun: (record: RunRecord) => {
      records.push(record);
      return Promise.resolve();
    },
  };
}

function trialEvents(trial: number, epochs: number, reason: TrialResult['reason']): SearchEvent[] {
  const config = { ...INPUT.config, k: 8 * trial, learningRate: 0.01 };
  const metrics = makeEpochs(epochs);
  return [
    { type: 'trialStarted', trial, config },
    ...metrics.map((epochMetrics): SearchEvent => ({
      type: 'trialEpoch',
      trial,
      metrics: epochMetrics,
      totalEpochs: 3,
    })),
    {
      type: 'trialFinished',
      result: {
        trial,
        config,
        bestEpoch: epochs,
        valRmse: metrics.at(-1)?.valRmse ?? Number.NaN,
        epochsRun: epochs,
        reason,
        seconds: 2 * epochs,
      },
    },
  ];
}

function recordSearch(events: SearchEvent[]) {
  const sink = makeSink();
  const recorder = new SearchRunRecorder(sink, INPUT.dataset, 'search-a', 2);
  recorder.handle({
    type: 'searchStarted',
    totalTrials: 3,
    backend: INPUT.backend,
    split: INPUT.split,
  });
  for (const event of events) recorder.handle(event);
  return { sink, recorder };
}

describe('SearchRunRecorder', () => {
  it('records each finished trial without a test report', () => {
    const { sink } = recordSearch([
      ...trialEvents(1, 3, 'completed'),
      ...trialEvents(2, 2, 'early-stopping'),
    ]);

    expect(sink.records.map((record) => record.name)).toEqual([
      'Search 2 · trial 1 · k 8 · Adam 0.01',
      'Search 2 · trial 2 · k 16 · Adam 0.01',
    ]);
    const [first, second] = sink.records;
    expect(first?.source).toEqual({ kind: 'search', searchId: 'search-a', trial: 1 });
    expect(first?.seq).toBe(1);
    expect(second?.seq).toBe(2);
    expect(first?.status).toBe('completed');
    expect(second?.status).toBe('early-stopping');
    expect(first?.report).toBeNull();
    expect(first?.epochs.map((epoch) => epoch.elapsedSeconds)).toEqual([2, 4, 6]);
    expect(first?.wallSeconds).toBe(6);
    expect(first?.dataset).toEqual(INPUT.dataset);
  });

  it('records a diverged trial as failed', () => {
    const { sink } = recordSearch(trialEvents(1, 1, 'diverged'));

    expect(sink.records[0]?.status).toBe('failed');
    expect(sink.records[0]?.error).toContain('diverged');
  });

  it('skips a trial without epochs', () => {
    const { sink } = recordSearch(trialEvents(1, 0, 'stopped'));

    expect(sink.records).toEqual([]);
  });

  it('records the open trial of a failed search', () => {
    const { sink, recorder } = recordSearch(trialEvents(1, 2, 'completed').slice(0, 3));
    recorder.failOpenTrial('worker crashed');

    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]?.status).toBe('failed');
    expect(sink.records[0]?.error).toContain('worker crashed');
  });
});

describe('nextSearchNumber', () => {
  it('counts distinct searches', () => {
    const records = [
      makeRun({ id: 'a' }),
      makeRun({ id: 'b', source: { kind: 'search', searchId: 's1', trial: 1 } }),
      makeRun({ id: 'c', source: { kind: 'search', searchId: 's1', trial: 2 } }),
      makeRun({ id: 'd', source: { kind: 'search', searchId: 's2', trial: 1 } }),
    ];

    expect(nextSearchNumber(records)).toBe(3);
  });
});

describe('keptEpoch of a trial', () => {
  it('is the epoch of lowest validation RMSE', () => {
    const epochs = makeEpochs(3).map((metrics, index) => ({
      ...metrics,
      valRmse: [1.0, 0.9, 0.95][index] ?? 0,
    }));
    const record = makeRun({
      source: { kind: 'search', searchId: 's1', trial: 1 },
      report: null,
      endReason: 'completed',
      epochs,
    });

    expect(keptEpoch(record)?.epoch).toBe(2);
  });
});
