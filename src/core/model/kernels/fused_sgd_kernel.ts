/**
 * The `LfmFusedSgd` kernel: one call runs `sgdPass` over a slice of the shuffled training
 * ratings, on the `cpu` and `wasm` backends. Where k is a multiple of 4 and the engine has
 * WebAssembly SIMD, the pass runs in `sgdPassSimd` (about 6x faster in Node 20 on a 2-vCPU VM),
 * else in plain JavaScript.
 *
 * Inputs: the float32 tables userEmbedding [users, k], itemEmbedding [items, k], userBias
 * [users] and itemBias [items]. The ratings: users, items (int32) and ratings (float32), each of
 * length n, and order (int32), a permutation of 0..n-1. Attributes: start, end (the slice of `order` to visit), learningRate,
 * lambda, biasLambda, mu. Outputs: the four updated tables in the input order, then
 * [squared error, absolute error, L2] sums of shape [3] (see `SgdSums`).
 *
 * The kernel copies each table into its output buffer once per call and updates the copy in
 * place. It does not write into the input buffers, because TF.js shares one buffer between
 * tensors: `tf.clone`, which the trainer uses for its best-epoch snapshot, and
 * `Variable.assign` both share a buffer instead of copying it. The copy costs one pass over
 * the tables per call, small next to the per-rating work when a call visits at least as many
 * ratings as the tables have rows.
 */
import * as tf from '@tensorflow/tfjs-core';

import { registerTypedArrayKernel, type BufferAccess } from './backend_buffers';
import { sgdPass, type SgdSettings } from './sgd_pass';
import { sgdPassSimd, simdSgdAvailable } from './sgd_simd';

export const FUSED_SGD_KERNEL = 'LfmFusedSgd';

const TABLE_NAMES = ['userEmbedding', 'itemEmbedding', 'userBias', 'itemBias'] as const;
const RATING_NAMES = ['users', 'items', 'ratings', 'order'] as const;

function runFusedSgd(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
  access: BufferAccess,
): tf.TensorInfo[] {
  const tableInputs = TABLE_NAMES.map((name) => requireInput(inputs, name));
  const { outputs, views } = access.allocate([...tableInputs.map((t) => t.shape), [3]]);
  // Views over the inputs are taken after the allocation for the same reason as above.
  tableInputs.forEach((input, index) =>
    (views[index] as Float32Array).set(access.read(input) as Float32Array),
  );
  const [users, items, ratings, order] = RATING_NAMES.map((name) =>
    access.read(requireInput(inputs, name)),
  );
  const [userEmbedding, itemEmbedding, userBias, itemBias, sums] = views as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];

  const k = (tableInputs[0] as tf.TensorInfo).shape[1] as number;
  const pass = simdSgdAvailable(k) ? sgdPassSimd : sgdPass;
  const result = pass(
    {
      userEmbedding,
      itemEmbedding,
      userBias,
      itemBias,
      k,
    },
    {
      users: users as Int32Array,
      items: items as Int32Array,
      ratings: ratings as Float32Array,
      order: order as Int32Array,
      start: attrs.start as number,
      end: attrs.end as number,
    },
    attrs as unknown as SgdSettings,
  );
  sums.set([result.squaredError, result.absoluteError, result.l2]);
  return outputs;
}

function requireInput(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const input = inputs[name];
  if (input === undefined) throw new Error(`${FUSED_SGD_KERNEL}: input ${name} is missing.`);
  return input;
}

/** Registers the kernel for `cpu` and `wasm`; later calls do nothing. */
export function registerFusedSgdKernels(): void {
  registerTypedArrayKernel(FUSED_SGD_KERNEL, runFusedSgd);
}

/** Backends that have a fused SGD kernel; the `webgpu` one is in fused_sgd_webgpu.ts. */
export const FUSED_SGD_BACKENDS: readonly string[] = ['cpu', 'wasm', 'webgpu'];
