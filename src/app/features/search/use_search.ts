import * as Comlink from 'comlink';
import { useCallback, useReducer } from 'react';

import type { SearchEvent, TrainConfig } from '../../../worker/protocol';
import { toAppError } from '../../session/controller';
import { useController, useSessionState } from '../../store/context';
import { IDLE_SEARCH, searchReducer, type SearchState } from './search_state';

export interface SearchControls {
  state: SearchState;
  start(trials: number, base: TrainConfig): Promise<void>;
  cancel(): Promise<void>;
}

/** Runs searches in the worker and keeps their progress in the panel's own reducer. */
export function useSearch(): SearchControls {
  const controller = useController();
  const backend = useSessionState((state) => state.backendChoice);
  const [state, dispatch] = useReducer(searchReducer, IDLE_SEARCH);

  const start = useCallback(
    async (trials: number, base: TrainConfig) => {
      dispatch({ type: 'searchRequested', totalTrials: trials });
      try {
        const onEvent = Comlink.proxy((event: SearchEvent) => dispatch(event));
        // The split seed doubles as the sampling seed, so one number reproduces the search.
        await controller.searcher.search({ trials, seed: base.seed, base }, backend, onEvent);
      } catch (error) {
        dispatch({ type: 'requestFailed', message: toAppError('train', error).message });
      }
    },
    [controller, backend],
  );

  const cancel = useCallback(async () => {
    dispatch({ type: 'cancelRequested' });
    await controller.searcher.stop();
  }, [controller]);

  return { state, start, cancel };
}
