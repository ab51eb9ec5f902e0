import type { RunRecord } from './run_record';

/** The runs part of the session state: recorded runs and which of them the charts compare. */
export interface RunsState {
  /** `loading` until the stored runs are read; `memory` when IndexedDB is unavailable. */
  storage: 'loading' | 'indexeddb' | 'memory';
  /** Every recorded run, in the order they were recorded. */
  records: RunRecord[];
  /** Ids of the runs ticked for comparison. */
  selectedIds: string[];
  /** When true, runs trained on another data set than the loaded one can be compared too. */
  allowOtherDatasets: boolean;
  /** Id of the record made from the run in the charts' live slot, or null while none is. */
  liveRunId: string | null;
  /** The last storage failure or the stored values that could not be read, for the runs table. */
  notice: string | null;
}

export const EMPTY_RUNS: RunsState = {
  storage: 'loading',
  records: [],
  selectedIds: [],
  allowOtherDatasets: false,
  liveRunId: null,
  notice: null,
};

export type RunsAction =
  | {
      type: 'runsLoaded';
      records: RunRecord[];
      storage: 'indexeddb' | 'memory';
      notice: string | null;
    }
  | { type: 'runRecorded'; record: RunRecord; live: boolean }
  | { type: 'runUpdated'; record: RunRecord }
  | { type: 'runDeleted'; id: string }
  | { type: 'runsCleared' }
  | { type: 'runSelected'; id: string; selected: boolean }
  | { type: 'otherDatasetsAllowed'; allowed: boolean }
  | { type: 'liveRunReleased' }
  | { type: 'runsNoticeRaised'; notice: string | null };

const RUNS_ACTION_TYPES: ReadonlySet<string> = new Set<RunsAction['type']>([
  'runsLoaded',
  'runRecorded',
  'runUpdated',
  'runDeleted',
  'runsCleared',
  'runSelected',
  'otherDatasetsAllowed',
  'liveRunReleased',
  'runsNoticeRaised',
]);

export function isRunsAction(action: { type: string }): action is RunsAction {
  return RUNS_ACTION_TYPES.has(action.type);
}

/** Applies one runs action. Pure: returns a new runs state, never mutates. */
export function reduceRuns(state: RunsState, action: RunsAction): RunsState {
  switch (action.type) {
    case 'runsLoaded': {
      // Runs recorded while the stored ones were loading are kept after them.
      const loadedIds = new Set(action.records.map((record) => record.id));
      const recordedMeanwhile = state.records.filter((record) => !loadedIds.has(record.id));
      return {
        ...state,
        storage: action.storage,
        records: [...action.records, ...recordedMeanwhile],
        notice: action.notice,
      };
    }

    case 'runRecorded':
      return {
        ...state,
        records: [
          ...state.records.filter((record) => record.id !== action.record.id),
          action.record,
        ],
        liveRunId: action.live ? action.record.id : state.liveRunId,
      };

    case 'runUpdated':
      return {
        ...state,
        records: state.records.map((record) =>
          record.id === action.record.id ? action.record : record,
        ),
      };

    case 'runDeleted':
      return {
        ...state,
        records: state.records.filter((record) => record.id !== action.id),
        selectedIds: state.selectedIds.filter((id) => id !== action.id),
        liveRunId: state.liveRunId === action.id ? null : state.liveRunId,
      };

    case 'runsCleared':
      return { ...state, records: [], selectedIds: [], liveRunId: null };

    case 'runSelected': {
      const others = state.selectedIds.filter((id) => id !== action.id);
      return { ...state, selectedIds: action.selected ? [...others, action.id] : others };
    }

    case 'otherDatasetsAllowed':
      return { ...state, allowOtherDatasets: action.allowed };

    case 'liveRunReleased':
      return state.liveRunId === null ? state : { ...state, liveRunId: null };

    case 'runsNoticeRaised':
      return { ...state, notice: action.notice };
  }
}
