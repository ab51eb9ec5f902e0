import type * as Comlink from 'comlink';
import type { LfmSessionApi } from '../../worker/protocol';

/** Fault injection for the end-to-end tests, on `window.__lfmTestHooks` in dev and test builds. */
export interface LfmTestHooks {
  /** Raises an uncaught error in the worker, which the page treats as a crash. */
  crashWorker(): Promise<void>;
  /** Makes the loss of the next run NaN in the epoch after `epoch`. */
  divergeAfterEpoch(epoch: number): Promise<void>;
  /** Makes the next run's backend throw after `epoch`, as a lost GPU device would. */
  failBackendAfterEpoch(epoch: number): Promise<void>;
}

declare global {
  interface Window {
    __lfmTestHooks?: LfmTestHooks;
  }
}

/**
 * Installs the test hooks unless this is a production build (`vite build` without
 * `--mode test`), where the check below is false at build time and the hooks are left out.
 */
export function installTestHooks(session: Comlink.Remote<LfmSessionApi>): void {
  if (import.meta.env.MODE === 'production') return;

  window.__lfmTestHooks = {
    crashWorker: () => session.injectTestFault({ kind: 'crash' }),
    divergeAfterEpoch: (epoch) => session.injectTestFault({ kind: 'diverge', afterEpoch: epoch }),
    failBackendAfterEpoch: (epoch) =>
      session.injectTestFault({ kind: 'backend-error', afterEpoch: epoch }),
  };
}
