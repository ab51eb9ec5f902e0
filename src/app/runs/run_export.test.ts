import { describe, expect, it } from 'vitest';
import { runExportFileName, runsToCsv, runsToJson } from './run_export';
import { makeEpochs, makeRun } from './test_support';

describe('runsToCsv', () => {
  it('writes one row per run and epoch after the header', () => {
    const csv = runsToCsv([makeRun({ id: 'a' }), makeRun({ id: 'b', epochs: makeEpochs(2) })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(lines[0]?.startsWith('run_id,run_name,status,dataset')).toBe(true);
  });

  it('quotes names with commas and quotes', () => {
    const csv = runsToCsv([makeRun({ name: 'k 8, "fast"' })]);
    expect(csv.split('\r\n')[1]).toContain('"k 8, ""fast"""');
  });

  it('leaves missing metrics empty', () => {
    const csv = runsToCsv([makeRun({ report: null, error: 'diverged' })]);
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    const row = csv.split('\r\n')[1]?.split(',') ?? [];
    expect(row[header.indexOf('test_rmse')]).toBe('');
    expect(row[header.indexOf('val_rmse')]).toBe('1.2');
  });

  it('writes one row for a run without epochs', () => {
    const csv = runsToCsv([makeRun({ epochs: [], report: null, error: 'x' })]);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe('runsToJson', () => {
  it('round-trips the records with their epochs', () => {
    const runs = [makeRun({ id: 'a' }), makeRun({ id: 'b' })];
    const parsed = JSON.parse(runsToJson(runs, '2025-01-01T00:00:00.000Z'));
    expect(parsed.runs).toEqual(runs);
    expect(parsed.schemaVersion).toBe(1);
  });
});

describe('runExportFileName', () => {
  it('uses a file-safe time stamp', () => {
    expect(runExportFileName(2, '2025-01-02T03:04:05.678Z', 'csv')).toBe(
      'runs-2-2025-01-02T03-04-05Z.csv',
    );
  });
});
