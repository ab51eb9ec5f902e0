import type { SearchEvent, TrainConfig, TrialResult } from '../../../worker/protocol';

/** One trial as the panel shows it: live while it runs, with its result once finished. */
export interface TrialRow {
  trial: number;
  config: TrainConfig;
  epochsDone: number;
  /** Maximum epochs of the trial; early stopping can end it sooner. */
  totalEpochs: number;
  /** Lowest validation RMSE so far. */
  bestValRmse: number;
  result: TrialResult | null;
}

export type SearchStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'failed';

/** The search panel's own state; the session store holds only the trained model's run. */
export interface SearchState {
  status: SearchStatus;
  totalTrials: number;
  trials: TrialRow[];
  /** 1-based number of the best trial once the search has finished. */
  bestTrial: number | null;
  cancelled: boolean;
  error: string | null;
}

export type SearchAction =
  | SearchEvent
  | { type: 'searchRequested'; totalTrials: number }
  | { type: 'cancelRequested' }
  | { type: 'requestFailed'; message: string };

export const IDLE_SEARCH: SearchState = {
  status: 'idle',
  totalTrials: 0,
  trials: [],
  bestTrial: null,
  cancelled: false,
  error: null,
};

/** Applies a worker event or a panel intent to the search state. */
export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'searchRequested':
      return { ...IDLE_SEARCH, status: 'running', totalTrials: action.totalTrials };
    case 'cancelRequested':
      return state.status === 'running' ? { ...state, status: 'stopping' } : state;
    case 'requestFailed':
      // A failure after the search finished (e.g. a late message error) keeps the results.
      return state.status === 'finished'
        ? state
        : { ...state, status: 'failed', error: action.message };
    case 'searchStarted':
      return { ...state, totalTrials: action.totalTrials };
    case 'trialStarted':
      return {
        ...state,
        trials: [
          ...state.trials,
          {
            trial: action.trial,
            config: action.config,
            epochsDone: 0,
            totalEpochs: action.config.epochs,
            bestValRmse: Number.NaN,
            result: null,
          },
        ],
      };
    case 'trialEpoch':
      return updateTrial(state, action.trial, (row) => ({
        ...row,
        epochsDone: action.metrics.epoch,
        totalEpochs: action.totalEpochs,
        bestValRmse:
          Number.isNaN(row.bestValRmse) || action.metrics.valRmse < row.bestValRmse
            ? action.metrics.valRmse
            : row.bestValRmse,
      }));
    case 'trialFinished':
      return updateTrial(state, action.result.trial, (row) => ({
        ...row,
        result: action.result,
        bestValRmse: action.result.valRmse,
      }));
    case 'searchFinished':
      return {
        ...state,
        status: 'finished',
        bestTrial: action.bestTrial,
        cancelled: action.cancelled,
      };
    case 'searchFailed':
      return { ...state, status: 'failed', error: action.error.message };
  }
}

function updateTrial(
  state: SearchState,
  trial: number,
  update: (row: TrialRow) => TrialRow,
): SearchState {
  return {
    ...state,
    trials: state.trials.map((row) => (row.trial === trial ? update(row) : row)),
  };
}
