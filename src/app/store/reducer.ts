import type { SessionAction } from './actions';
import { IDLE_RUN, draftFromConfig, type SessionState } from './state';

/** Applies one action to the session state. Pure: returns a new state, never mutates. */
export function reduceSession(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'loadStarted':
      return { ...state, loadStatus: 'loading', loadProgress: null, lastError: null };

    case 'loadProgressed':
      return { ...state, loadProgress: action.progress };

    case 'datasetLoaded':
      // A new data set makes the old run, model and user meaningless: their ids may not exist.
      return {
        ...state,
        dataset: action.summary,
        loadStatus: 'idle',
        loadProgress: null,
        backend: null,
        run: IDLE_RUN,
        model: null,
        modelImported: false,
        selectedUser: null,
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
      // Training replaces the model, so the explorer waits for the new one.
      return {
        ...state,
        backend: null,
        run: { ...IDLE_RUN, status: 'starting' },
        model: null,
        modelImported: false,
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
        selectedUser: null,
        lastError: null,
      };

    case 'userSelected':
      return { ...state, selectedUser: action.userId };

    case 'errorRaised':
      return { ...state, lastError: action.error };

    case 'errorDismissed':
      return state.lastError?.scope === action.scope ? { ...state, lastError: null } : state;
  }
}
