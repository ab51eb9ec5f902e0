/**
 * Backend selection in the worker. TF.js falls back to another backend silently when
 * `setBackend` fails, so every choice is read back with `tf.getBackend()` and reported.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { LfmError } from '../core/errors';
import type { BackendChoice, BackendInfo, BackendName } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

interface AdapterReport {
  available: boolean;
  softwareAdapter: boolean;
  description: string;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    isFallbackAdapter?: boolean;
    vendor?: string;
    architecture?: string;
    description?: string;
  };
}

interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

let webgpuImport: Promise<boolean> | null = null;

/** Asks for a WebGPU adapter and reports whether it is a CPU-emulated fallback such as SwiftShader. */
async function probeWebGpu(): Promise<AdapterReport> {
  // The adapter fields differ between Chromium versions, so a narrow local type is used.
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (gpu === undefined) {
    return { available: false, softwareAdapter: false, description: 'this browser has no WebGPU' };
  }
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (adapter === null) {
    return { available: false, softwareAdapter: false, description: 'no WebGPU adapter' };
  }
  // Chromium moved the flag from the adapter to `adapter.info`; older builds have only the first.
  const softwareAdapter = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
  return { available: true, softwareAdapter, description: name || 'unnamed adapter' };
}

/** Imports the WebGPU backend only when an adapter exists, because it registers itself on import. */
function registerWebGpu(): Promise<boolean> {
  webgpuImport ??= import('@tensorflow/tfjs-backend-webgpu').then(
    () => true,
    () => false,
  );
  return webgpuImport;
}

async function activate(name: BackendName): Promise<boolean> {
  if (name === 'webgpu' && !(await registerWebGpu())) return false;
  const isSet = await tf.setBackend(name).catch(() => false);
  await tf.ready().catch(() => undefined);
  return isSet && tf.getBackend() === name;
}

const LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/**
 * Activates the requested backend, or for `auto` the fastest one that works here: WebGPU on a
 * hardware adapter, else WASM (on a software WebGPU adapter WASM SIMD is about 15x faster for
 * this model), else the plain JavaScript CPU backend.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendInfo> {
  const webgpu = await probeWebGpu();

  if (choice !== 'auto') {
    if (choice === 'webgpu' && !webgpu.available) {
      throw new LfmError(
        'backend-failed',
        `Backend: WebGPU is not available (${webgpu.description}). Choose Auto, WASM or CPU.`,
        { value: choice },
      );
    }
    if (!(await activate(choice))) {
      throw new LfmError(
        'backend-failed',
        `Backend: ${LABELS[choice]} failed to start (TF.js is on ${tf.getBackend() || 'none'}). Choose Auto or another backend.`,
        { value: choice },
      );
    }
    const software = choice === 'webgpu' && webgpu.softwareAdapter;
    const reason =
      choice === 'webgpu'
        ? `chosen by you; adapter: ${webgpu.description}${software ? ' (software fallback, CPU-emulated, slow)' : ''}`
        : 'chosen by you';
    return { name: choice, reason, softwareAdapter: software };
  }

  if (webgpu.available && !webgpu.softwareAdapter && (await activate('webgpu'))) {
    return {
      name: 'webgpu',
      reason: `Auto: hardware WebGPU adapter (${webgpu.description})`,
      softwareAdapter: false,
    };
  }
  const whyNotWebGpu = webgpu.available
    ? 'the WebGPU adapter is a software fallback (CPU-emulated), so WASM is faster'
    : `WebGPU unavailable (${webgpu.description})`;
  if (await activate('wasm')) {
    return { name: 'wasm', reason: `Auto: ${whyNotWebGpu}`, softwareAdapter: false };
  }
  if (await activate('cpu')) {
    return {
      name: 'cpu',
      reason: `Auto: ${whyNotWebGpu}; WASM failed to start`,
      softwareAdapter: false,
    };
  }
  throw new LfmError(
    'backend-failed',
    'Backend: no TensorFlow.js backend could start. Reload the page.',
  );
}
