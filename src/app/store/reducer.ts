import type { SessionAction } from './actions';
import { IDLE_RUN, draftFromConfig, isRunActive, type SessionState } from './state';
import { isRunsAction, reduceRuns } from '../runs/runs_state';

/** Applies one action to the session state. Pure: returns a new state, never mutates. */
export function reduceSession(state: SessionState, action: SessionAction): SessionState {
  if (isRunsAction(action)) {
    const runs = reduceRuns(state.runs, action);
    return runs === state.runs ? state : { ...state, runs };
  }

  switch (action.type) {
    case 'loadStarted':
      return { ...state, loadStatus: 'loading', loadProgress: null, lastError: null };

    case 'loadProgressed':
      return { ...state, loadProgress: action.progress };

    case 'datasetLoaded':
      // The old run's charts belong to the old data. The model stays: the worker keeps it, with
      // its own id maps and titles, until a new training run finishes, so the explorer still works.
      return {
        ...state,
        dataset: action.summary,
        loadStatus: 'idle',
        loadProgress: null,
        backend: null,
        run: IDLE_RUN,
        dataLoadedAfterModel: state.model !== null,
        lastError: null,
      };

    case 'loadFailed':
      // The worker keeps its previous data set and model, so the UI keeps showing them.
      return { ...state, loadStatus: 'idle', loadProgress: null, lastError: action.error };

    case 'configFieldEdited':
      return { ...state, configDraft: { ...state.configDraft, [action.field]: action.text } };

    case 'configReplaced':
      return { ...state, configDraft: draftFromConfig(action.config) };

    case 'backendChosen':
      return { ...state, backendChoice: action.backend };

    case 'trainingRequested':
      // The model stays until `trainingFinished` replaces it: the worker keeps the previous one
      // when a run fails, and the explorer hides it while the run is active.
      return {
        ...state,
        backend: null,
        run: { ...IDLE_RUN, status: 'starting' },
        runsRequested: state.runsRequested + 1,
        selectedUser: null,
        lastError: null,
      };

    case 'trainingStarted':
      return {
        ...state,
        backend: action.backend,
        run: {
          ...state.run,
          status: state.run.status === 'stopping' ? 'stopping' : 'training',
          // A second `started` means the run moved to a fallback backend; the worker then sends
          // again the epochs it resumes after.
          epochs: [],
          config: action.config,
          split: action.split,
          totalEpochs: action.config.epochs,
        },
      };

    case 'epochsEnded':
      return {
        ...state,
        run: {
          ...state.run,
          totalEpochs: action.totalEpochs,
          epochs: [...state.run.epochs, ...action.metrics],
        },
      };

    case 'stopRequested':
      return { ...state, run: { ...state.run, status: 'stopping' } };

    case 'scoringStarted':
      return isRunActive(state.run.status)
        ? { ...state, run: { ...state.run, status: 'scoring' } }
        : state;

    case 'trainingFinished': {
      const { dataset, run } = state;
      const model =
        dataset !== null && run.config !== null
          ? {
              datasetName: dataset.name,
              config: run.config,
              users: dataset.users,
              items: dataset.items,
              hasMovies: dataset.hasMovies,
              test: action.report.test,
            }
          : null;
      return {
        ...state,
        run: { ...run, status: 'finished', report: action.report },
        model,
        modelImported: false,
        modelVersion: state.modelVersion + 1,
        dataLoadedAfterModel: false,
      };
    }

    case 'trainingFailed':
      return { ...state, run: { ...state.run, status: 'failed' }, lastError: action.error };

    case 'modelImported':
      return {
        ...state,
        model: action.summary,
        modelImported: true,
        modelVersion: state.modelVersion + 1,
        dataLoadedAfterModel: false,
        selectedUser: null,
        lastError: null,
      };

    case 'userSelected':
      return { ...state, selectedUser: action.userId };

    case 'workerRestarted':
      // The new worker starts empty, so nothing that lived in the old one is usable.
      return {
        ...state,
        dataset: null,
        loadStatus: 'idle',
        loadProgress: null,
        backend: null,
        run: IDLE_RUN,
        model: null,
        modelImported: false,
        modelVersion: state.modelVersion + 1,
        dataLoadedAfterModel: false,
        selectedUser: null,
        lastError: action.error,
      };

    case 'errorRaised':
      return { ...state, lastError: action.error };

    case 'errorDismissed':
      return state.lastError?.scope === action.scope ? { ...state, lastError: null } : state;
  }
}
