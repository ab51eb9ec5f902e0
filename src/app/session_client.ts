import * as Comlink from 'comlink';
import type { LfmSessionApi } from '../worker/protocol';

/** Starts the training worker and returns its Comlink proxy. Callbacks must be wrapped in `Comlink.proxy`. */
export function startSession(): { session: Comlink.Remote<LfmSessionApi>; worker: Worker } {
  const worker = new Worker(new URL('../worker/session.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lfm-session',
  });
  return { session: Comlink.wrap<LfmSessionApi>(worker), worker };
}
