import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { LfmError } from '../core/errors';
import type { NodeBackend } from './args';

/**
 * Starts a TF.js backend in Node: the WASM build shipped inside the npm package (no download,
 * no native addon), or the plain JavaScript CPU backend. Returns the backend actually in use.
 */
export async function startNodeBackend(name: NodeBackend): Promise<NodeBackend> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    setWasmPaths(`${path.dirname(wasmFile)}${path.sep}`);
  }
  const isSet = await tf.setBackend(name);
  await tf.ready();
  // setBackend can fall back to another backend with only a warning, so read it back.
  if (!isSet || tf.getBackend() !== name) {
    throw new LfmError(
      'backend-failed',
      `Backend: ${name} failed to start, TF.js is on "${tf.getBackend()}".`,
    );
  }
  return name;
}
