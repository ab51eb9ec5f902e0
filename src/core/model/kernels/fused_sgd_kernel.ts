/**
 * The `LfmFusedSgd` kernel: one call runs `sgdPass` over a slice of the shuffled training
 * ratings, on the `cpu` and `wasm` backends.
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

import { sgdPass, type SgdSettings } from './sgd_pass';

export const FUSED_SGD_KERNEL = 'LfmFusedSgd';

const TABLE_NAMES = ['userEmbedding', 'itemEmbedding', 'userBias', 'itemBias'] as const;
const RATING_NAMES = ['users', 'items', 'ratings', 'order'] as const;

type TypedArray = Float32Array | Int32Array;

/** Buffer access of one backend: reading inputs and allocating outputs. */
interface BufferAccess {
  /** Returns the values of `input` without copying them where the backend allows. */
  read(input: tf.TensorInfo): TypedArray;
  /** Returns a new float32 output of `shape` and a writable view of its values. */
  allocate(shapes: number[][]): { outputs: tf.TensorInfo[]; views: Float32Array[] };
}

/** The parts of the CPU backend (tfjs-backend-cpu 4.22) this kernel uses. */
interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** The parts of the WASM backend (tfjs-backend-wasm 4.22) this kernel uses. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

function cpuAccess(backend: CpuBackendLike): BufferAccess {
  return {
    read: (input) => {
      const values = backend.data.get(input.dataId).values;
      if (!(values instanceof Float32Array || values instanceof Int32Array)) {
        throw new Error(`${FUSED_SGD_KERNEL}: input of dtype ${input.dtype} has no typed array.`);
      }
      return values;
    },
    allocate: (shapes) => {
      const views = shapes.map((shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
      const outputs = shapes.map((shape, index) =>
        backend.makeTensorInfo(shape, 'float32', views[index] as Float32Array),
      );
      return { outputs, views };
    },
  };
}

function wasmAccess(backend: WasmBackendLike): BufferAccess {
  return {
    read: (input) => backend.typedArrayFromHeap(input) as TypedArray,
    allocate: (shapes) => {
      // Allocating can grow the module's memory, which detaches earlier heap views, so every
      // output is allocated before any view is taken.
      const outputs = shapes.map((shape) => backend.makeOutput(shape, 'float32'));
      const views = outputs.map((output) => backend.typedArrayFromHeap(output) as Float32Array);
      return { outputs, views };
    },
  };
}

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

  const result = sgdPass(
    {
      userEmbedding,
      itemEmbedding,
      userBias,
      itemBias,
      k: (tableInputs[0] as tf.TensorInfo).shape[1] as number,
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
  if (tf.getKernel(FUSED_SGD_KERNEL, 'cpu') === undefined) {
    tf.registerKernel({
      kernelName: FUSED_SGD_KERNEL,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs }) =>
        runFusedSgd(inputs, attrs ?? {}, cpuAccess(backend as CpuBackendLike)),
    });
  }
  if (tf.getKernel(FUSED_SGD_KERNEL, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: FUSED_SGD_KERNEL,
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) =>
        runFusedSgd(inputs, attrs ?? {}, wasmAccess(backend as WasmBackendLike)),
    });
  }
}

/** Backends that have a fused SGD kernel. */
export const FUSED_SGD_BACKENDS: readonly string[] = ['cpu', 'wasm'];
