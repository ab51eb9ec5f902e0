import { describe, expect, it } from 'vitest';

import { LfmError } from '../core/errors';
import { isBackendFailure, nextBackend, runWithFallback } from './backend_fallback';
import type { BackendInfo, BackendName } from './protocol';

function backend(name: BackendName): BackendInfo {
  return { name, reason: 'test', softwareAdapter: false };
}

describe('nextBackend', () => {
  it.each([
    ['webgpu', 'wasm'],
    ['webgl', 'wasm'],
    ['wasm', 'cpu'],
    ['cpu', null],
  ] as const)('falls back from %s to %s', (from, to) => {
    expect(nextBackend(from)).toBe(to);
  });
});

describe('isBackendFailure', () => {
  it('treats foreign errors and backend-failed as backend failures', () => {
    expect(isBackendFailure(new Error('device lost'))).toBe(true);
    expect(isBackendFailure(new LfmError('backend-failed', 'x'))).toBe(true);
  });

  it('leaves errors about input or settings alone', () => {
    expect(isBackendFailure(new LfmError('invalid-config', 'x'))).toBe(false);
    expect(isBackendFailure(new LfmError('no-ratings', 'x'))).toBe(false);
  });
});

describe('runWithFallback', () => {
  it('reruns on the next backend after a device loss', async () => {
    const attempts: BackendName[] = [];
    const fallbacks: string[] = [];
    let active: BackendName = 'webgpu';

    const outcome = await runWithFallback(backend('webgpu'), {
      run: async () => {
        attempts.push(active);
        if (active === 'webgpu') throw new Error('GPU device was lost');
        return 42;
      },
      activate: async (name) => {
        active = name;
        return backend(name);
      },
      onFallback: (next, failed) => fallbacks.push(`${failed}->${next.name}: ${next.reason}`),
    });

    expect(outcome.result).toBe(42);
    expect(outcome.backend.name).toBe('wasm');
    expect(attempts).toEqual(['webgpu', 'wasm']);
    expect(fallbacks).toEqual([
      'webgpu->wasm: WebGPU failed during training (GPU device was lost); ' +
        'training restarted from epoch 1 on WASM',
    ]);
  });

  it('names the epoch it resumes after', async () => {
    const fallbacks: string[] = [];
    let active: BackendName = 'webgl';

    await runWithFallback(backend('webgl'), {
      run: async () => {
        if (active === 'webgl') throw new Error('CONTEXT_LOST_WEBGL');
        return 1;
      },
      activate: async (name) => {
        active = name;
        return backend(name);
      },
      onFallback: (next) => fallbacks.push(next.reason),
      resumeEpoch: () => 3,
    });

    expect(fallbacks).toEqual([
      'WebGL failed during training (CONTEXT_LOST_WEBGL); training resumed after epoch 3 on WASM',
    ]);
  });

  it('skips a fallback backend that cannot start', async () => {
    const outcome = await runWithFallback(backend('webgpu'), {
      run: async () => 'done',
      activate: async (name) => {
        if (name === 'wasm') throw new LfmError('backend-failed', 'WASM failed to start');
        return backend(name);
      },
      onFallback: () => undefined,
    });

    expect(outcome.backend.name).toBe('webgpu');
  });

  it('moves past a backend that fails to start', async () => {
    let active: BackendName = 'webgpu';
    const outcome = await runWithFallback(backend('webgpu'), {
      run: async () => {
        if (active === 'webgpu') throw new Error('lost');
        return active;
      },
      activate: async (name) => {
        if (name === 'wasm') throw new LfmError('backend-failed', 'WASM failed to start');
        active = name;
        return backend(name);
      },
      onFallback: () => undefined,
    });

    expect(outcome.result).toBe('cpu');
  });

  it('rethrows an error another backend cannot fix', async () => {
    const run = runWithFallback(backend('webgpu'), {
      run: async () => {
        throw new LfmError('invalid-config', 'Config: k must be at least 1.');
      },
      activate: async (name) => backend(name),
      onFallback: () => undefined,
    });

    await expect(run).rejects.toMatchObject({ code: 'invalid-config' });
  });

  it('names every failure when no backend is left', async () => {
    const run = runWithFallback(backend('wasm'), {
      run: async () => {
        throw new Error('out of memory');
      },
      activate: async (name) => backend(name),
      onFallback: () => undefined,
    });

    await expect(run).rejects.toMatchObject({
      code: 'backend-failed',
      message: expect.stringContaining('WASM: out of memory; CPU: out of memory'),
    });
  });
});
