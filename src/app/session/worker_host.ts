import type * as Comlink from 'comlink';
import type { LfmSessionApi } from '../../worker/protocol';

/** Error code of calls that were pending when the worker died. */
export const WORKER_CRASHED = 'worker-crashed';
/**
 * Restarts allowed per page. A worker that fails while starting (a script that does not load)
 * would otherwise be restarted forever.
 */
const MAX_RESTARTS = 3;

type Remote = Comlink.Remote<LfmSessionApi>;

export interface StartedWorker {
  session: Remote;
  worker: Worker;
}

/** An error shaped like the ones `installErrorTransfer` rebuilds, so `toAppError` reads its code. */
function crashError(message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.name = 'LfmError';
  error.code = WORKER_CRASHED;
  return error;
}

/**
 * Owns the session worker and replaces it when it dies. The worker's `error` event fires for
 * an exception nothing caught; the worker's state may then be half-changed, so it is
 * terminated and a fresh one started. Calls pending on the old worker reject with code
 * `worker-crashed` instead of waiting forever, and `onRestart` runs after their handlers.
 *
 * `session` forwards every call to the current worker, so holders of it never see the swap.
 */
export class WorkerHost {
  readonly session: Remote;
  private current: StartedWorker;
  private restarts = 0;
  private rejectPending: (error: Error) => void = () => undefined;
  private crashed: Promise<never> = this.nextCrashSignal();

  constructor(
    private readonly start: () => StartedWorker,
    private readonly onRestart: (message: string) => void,
  ) {
    this.current = this.startWatched();
    this.session = new Proxy({} as Remote, {
      get: (_target, property) => {
        // Not a thenable: `await host.session` must not call the worker.
        if (property === 'then' || typeof property === 'symbol') return undefined;
        return (...args: unknown[]) => this.call(property, args);
      },
    });
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    const remote = this.current.session as unknown as Record<
      string,
      (...values: unknown[]) => Promise<unknown>
    >;
    return Promise.race([
      (remote[method] as (...values: unknown[]) => Promise<unknown>)(...args),
      this.crashed,
    ]);
  }

  private startWatched(): StartedWorker {
    const started = this.start();
    started.worker.addEventListener('error', (event) => {
      this.handleCrash(started, event.message || 'the worker raised an error with no message');
    });
    return started;
  }

  private handleCrash(crashed: StartedWorker, detail: string): void {
    if (crashed !== this.current) return;
    crashed.worker.terminate();

    const canRestart = this.restarts < MAX_RESTARTS;
    const message = canRestart
      ? `Worker: the training worker stopped unexpectedly (${detail}). A new worker was ` +
        'started; the data set and model it held are gone, so load the data again.'
      : `Worker: the training worker stopped unexpectedly (${detail}) after ${MAX_RESTARTS} ` +
        'restarts. Reload the page.';
    this.rejectPending(crashError(message));
    this.crashed = this.nextCrashSignal();
    if (canRestart) {
      this.restarts++;
      this.current = this.startWatched();
    }

    // Pending calls reject in microtasks; their handlers run before the state is reset.
    setTimeout(() => this.onRestart(message), 0);
  }

  private nextCrashSignal(): Promise<never> {
    const signal = new Promise<never>((_resolve, reject) => {
      this.rejectPending = reject;
    });
    // No call may be waiting when a crash happens, and the rejection still reaches any call racing it.
    signal.catch(() => undefined);
    return signal;
  }
}
