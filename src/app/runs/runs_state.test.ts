import { describe, expect, it } from 'vitest';
import { EMPTY_RUNS, isRunsAction, reduceRuns } from './runs_state';
import { makeRun } from './test_support';

const a = makeRun({ id: 'a', seq: 1 });
const b = makeRun({ id: 'b', seq: 2 });

describe('reduceRuns', () => {
  it('keeps runs recorded while storage was loading', () => {
    const recorded = reduceRuns(EMPTY_RUNS, { type: 'runRecorded', record: b, live: true });
    const loaded = reduceRuns(recorded, {
      type: 'runsLoaded',
      records: [a],
      storage: 'indexeddb',
      notice: null,
    });
    expect(loaded.records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(loaded.liveRunId).toBe('b');
  });

  it('drops a deleted run from the selection and the live slot', () => {
    let state = reduceRuns(EMPTY_RUNS, { type: 'runRecorded', record: a, live: true });
    state = reduceRuns(state, { type: 'runSelected', id: 'a', selected: true });
    state = reduceRuns(state, { type: 'runDeleted', id: 'a' });
    expect(state.records).toEqual([]);
    expect(state.selectedIds).toEqual([]);
    expect(state.liveRunId).toBeNull();
  });

  it('selects a run once however often it is ticked', () => {
    let state = EMPTY_RUNS;
    state = reduceRuns(state, { type: 'runSelected', id: 'a', selected: true });
    state = reduceRuns(state, { type: 'runSelected', id: 'a', selected: true });
    expect(state.selectedIds).toEqual(['a']);
  });

  it('returns the same state when the live slot is already free', () => {
    expect(reduceRuns(EMPTY_RUNS, { type: 'liveRunReleased' })).toBe(EMPTY_RUNS);
  });

  it('tells runs actions from other session actions', () => {
    expect(isRunsAction({ type: 'runsCleared' })).toBe(true);
    expect(isRunsAction({ type: 'trainingFinished' })).toBe(false);
  });
});
