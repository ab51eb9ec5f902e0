/**
 * Faults the end-to-end tests inject into the worker, to check that the app reports them and
 * recovers. Only dev and test builds accept them (`vite build --mode test`); a production
 * build rejects every request.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TestFault } from './protocol';

/** Message of the error a `backend-error` fault throws, close to what WebGPU reports. */
export const INJECTED_BACKEND_ERROR = 'GPU device was lost (fault injected by a test)';

export class FaultInjector {
  private pending: Exclude<TestFault, { kind: 'crash' }> | null = null;

  /** Stores a fault for the next training run, or for `crash`, raises it at once. */
  arm(fault: TestFault): void {
    if (import.meta.env.MODE === 'production') {
      throw new Error('Session: test faults exist only in dev and test builds.');
    }
    if (fault.kind === 'crash') {
      // Thrown outside any call, so the page receives it as the worker's `error` event.
      setTimeout(() => {
        throw new Error('Worker: crash injected by a test.');
      }, 0);
      return;
    }
    this.pending = fault;
  }

  /**
   * Called after each epoch's metrics are sent. A `diverge` fault sets the newest model's user
   * biases to NaN, so the next epoch's loss is NaN. A `backend-error` fault throws an error
   * that is not an `LfmError`, as a lost device would.
   */
  afterEpoch(epoch: number): void {
    const fault = this.pending;
    if (fault === null || epoch < fault.afterEpoch) return;
    this.pending = null;

    if (fault.kind === 'backend-error') throw new Error(INJECTED_BACKEND_ERROR);
    const variable = newestVariable('/userBias');
    if (variable === null) return;
    tf.tidy(() => variable.assign(tf.fill(variable.shape, Number.NaN)));
  }
}

/** The variable with the given name suffix whose model id (`lfm<id>/...`) is the highest. */
function newestVariable(suffix: string): tf.Variable | null {
  let newest: tf.Variable | null = null;
  let newestId = -1;
  for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
    const match = /^lfm(\d+)\//.exec(name);
    if (match === null || !name.endsWith(suffix)) continue;
    const id = Number(match[1]);
    if (id > newestId) {
      newest = variable;
      newestId = id;
    }
  }
  return newest;
}
