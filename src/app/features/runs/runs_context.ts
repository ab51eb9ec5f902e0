import { createContext, useContext } from 'react';
import type { RunsController } from '../../runs/runs_controller';

export const RunsControllerContext = createContext<RunsController | null>(null);

/** Returns the controller that records, stores and exports runs. */
export function useRunsController(): RunsController {
  const controller = useContext(RunsControllerContext);
  if (controller === null) {
    throw new Error('useRunsController: no RunsControllerContext provider above.');
  }
  return controller;
}
