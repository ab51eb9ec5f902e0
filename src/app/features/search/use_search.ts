import * as Comlink from 'comlink';
import { useCallback, useReducer } from 'react';

import type { SearchEvent, TrainConfig } from '../../../worker/protocol';
import { runDatasetOf } from '../../runs/run_record';
import { newSearchId, nextSearchNumber, SearchRunRecorder } from '../../runs/search_runs';
import { toAppError } from '../../session/controller';
import { useController, useSessionState } from '../../store/context';
import { useRunsController } from '../runs/runs_context';
import { IDLE_SEARCH, searchReducer, type SearchState } from './search_state';

export interface SearchControls {
  state: SearchState;
  start(trials: number, base: TrainConfig): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * Runs searches in the worker, keeps their progress in the panel's own reducer and records
 * each finished trial as a run.
 */
export function useSearch(): SearchControls {
  const controller = useController();
  const runs = useRunsController();
  const backend = useSessionState((state) => state.backendChoice);
  const [state, dispatch] = useReducer(searchReducer, IDLE_SEARCH);

  const start = useCallback(
    async (trials: number, base: TrainConfig) => {
      dispatch({ type: 'searchRequested', totalTrials: trials });
      const { dataset, runs: recorded } = controller.store.getState();
      const recorder =
        dataset === null
          ? null
          : new SearchRunRecorder(
              runs,
              runDatasetOf(dataset),
              newSearchId(),
              nextSearchNumber(recorded.records),
            );
      try {
        const onEvent = Comlink.proxy((event: SearchEvent) => {
          dispatch(event);
          recorder?.handle(event);
        });
        // The split seed doubles as the sampling seed, so one number reproduces the search.
        await controller.searcher.search({ trials, seed: base.seed, base }, backend, onEvent);
      } catch (error) {
        const { message } = toAppError('train', error);
        dispatch({ type: 'requestFailed', message });
        recorder?.failOpenTrial(message);
      }
    },
    [controller, runs, backend],
  );

  const cancel = useCallback(async () => {
    dispatch({ type: 'cancelRequested' });
    await controller.searcher.stop();
  }, [controller]);

  return { state, start, cancel };
}
