import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionController } from '../session/controller';
import type { SessionState } from './state';

export const ControllerContext = createContext<SessionController | null>(null);

/** Returns the controller that sends intents to the worker and dispatches the results. */
export function useController(): SessionController {
  const controller = useContext(ControllerContext);
  if (controller === null) throw new Error('useController: no ControllerContext provider above.');
  return controller;
}

/**
 * Subscribes to one slice of the session state. The selector must return a part of the state
 * (or a primitive), not a new object, or every dispatch re-renders the caller.
 */
export function useSessionState<T>(selector: (state: SessionState) => T): T {
  const { store } = useController();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
