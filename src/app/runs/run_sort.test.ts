import { describe, expect, it } from 'vitest';
import { sortRuns, type RunSortKey } from './run_sort';
import { makeReport, makeRun } from './test_support';

const runs = [
  makeRun({ id: 'a', seq: 1, report: makeReport(0.95, 3) }),
  makeRun({ id: 'b', seq: 2, report: makeReport(0.91, 3), config: { ...makeRun().config, k: 16 } }),
  makeRun({ id: 'c', seq: 3, report: null, error: 'diverged' }),
];

function ids(key: RunSortKey, direction: 'ascending' | 'descending'): string[] {
  return sortRuns(runs, { key, direction }).map((record) => record.id);
}

describe('sortRuns', () => {
  it('sorts by test RMSE with the failed run last', () => {
    expect(ids('testRmse', 'ascending')).toEqual(['b', 'a', 'c']);
  });

  it('keeps runs without the metric last when descending', () => {
    expect(ids('testRmse', 'descending')).toEqual(['a', 'b', 'c']);
  });

  it('sorts by k, breaking ties by recording order', () => {
    expect(ids('k', 'ascending')).toEqual(['b', 'a', 'c']);
    expect(ids('k', 'descending')).toEqual(['a', 'c', 'b']);
  });

  it('sorts names as text', () => {
    expect(ids('name', 'ascending')).toEqual(['b', 'a', 'c']);
  });

  it('sorts by the kept epoch validation RMSE', () => {
    const kept = [
      makeRun({ id: 'late', seq: 1, report: makeReport(0.9, 3) }),
      makeRun({ id: 'early', seq: 2, report: makeReport(0.9, 1) }),
    ];
    const sorted = sortRuns(kept, { key: 'valRmse', direction: 'ascending' });
    expect(sorted.map((record) => record.id)).toEqual(['late', 'early']);
  });

  it('leaves the input order alone', () => {
    sortRuns(runs, { key: 'seq', direction: 'descending' });
    expect(runs.map((record) => record.id)).toEqual(['a', 'b', 'c']);
  });
});
