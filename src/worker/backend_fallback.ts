/**
 * Recovery from a backend that fails during training, such as a lost WebGPU device. The run
 * continues on the next backend in the order WebGPU or WebGL, WASM, CPU: from the last
 * checkpoint the caller kept in JavaScript memory, or from epoch 1 without one.
 */
import { LfmError, toErrorInfo } from '../core/errors';
import type { BackendInfo, BackendName } from './protocol';

const FALLBACK: Record<BackendName, BackendName | null> = {
  webgpu: 'wasm',
  webgl: 'wasm',
  wasm: 'cpu',
  cpu: null,
};

const LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** The backend tried after `name` fails, or null after the CPU backend. */
export function nextBackend(name: BackendName): BackendName | null {
  return FALLBACK[name];
}

/**
 * True for errors a backend raises (a lost device, a failed kernel, out of memory). The
 * project's own `LfmError`s report bad input or settings, which another backend cannot fix,
 * except `backend-failed`.
 */
export function isBackendFailure(error: unknown): boolean {
  return !(error instanceof LfmError) || error.code === 'backend-failed';
}

export interface FallbackSteps<T> {
  /** Runs training on the active backend. */
  run: () => Promise<T>;
  /** Activates a backend by name; rejects when it cannot start. */
  activate: (name: BackendName) => Promise<BackendInfo>;
  /** Called when training restarts on another backend, before `run` is called again. */
  onFallback: (next: BackendInfo, failed: BackendName) => void;
  /** Epoch whose weights the next `run` starts from; 0 (or absent) means a fresh start. */
  resumeEpoch?: () => number;
}

/**
 * Runs `steps.run` on `backend`; when it fails with a backend error, activates the next
 * backend that starts and runs again. Returns the result and the backend it came from.
 *
 * @throws the first error that is not a backend failure, or a `backend-failed` LfmError
 *   naming every failure when no backend is left.
 */
export async function runWithFallback<T>(
  backend: BackendInfo,
  steps: FallbackSteps<T>,
): Promise<{ result: T; backend: BackendInfo }> {
  let current = backend;
  const failures: string[] = [];

  for (;;) {
    try {
      return { result: await steps.run(), backend: current };
    } catch (error) {
      if (!isBackendFailure(error)) throw error;
      failures.push(`${LABELS[current.name]}: ${toErrorInfo(error).message}`);
      const next = await activateNext(current.name, steps.activate, failures);
      const resumeEpoch = steps.resumeEpoch?.() ?? 0;
      const restart =
        resumeEpoch > 0
          ? `training resumed after epoch ${resumeEpoch}`
          : 'training restarted from epoch 1';
      const reason =
        `${LABELS[current.name]} failed during training (${toErrorInfo(error).message}); ` +
        `${restart} on ${LABELS[next.name]}`;
      steps.onFallback({ ...next, reason }, current.name);
      current = next;
    }
  }
}

async function activateNext(
  failed: BackendName,
  activate: (name: BackendName) => Promise<BackendInfo>,
  failures: string[],
): Promise<BackendInfo> {
  for (let name = nextBackend(failed); name !== null; name = nextBackend(name)) {
    try {
      return await activate(name);
    } catch (error) {
      failures.push(`${LABELS[name]}: ${toErrorInfo(error).message}`);
    }
  }
  throw new LfmError(
    'backend-failed',
    `Training: every backend failed (${failures.join('; ')}). Reload the page and train again.`,
    { value: failures[0] ?? '' },
  );
}
