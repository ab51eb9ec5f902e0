import type { SessionAction } from './actions';
import { reduceSession } from './reducer';
import type { SessionState } from './state';

/** The single owner of session state, read by React through `useSyncExternalStore`. */
export interface SessionStore {
  getState(): SessionState;
  dispatch(action: SessionAction): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(initial: SessionState): SessionStore {
  let state = initial;
  const listeners = new Set<() => void>();

  return {
    getState: () => state,
    dispatch(action) {
      const next = reduceSession(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
