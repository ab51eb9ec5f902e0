/**
 * Zero-copy access to tensor buffers inside the custom kernels of the `cpu` and `wasm`
 * backends: typed-array views of the inputs, and new float32 outputs with writable views.
 */
import * as tf from '@tensorflow/tfjs-core';

export type TypedArray = Float32Array | Int32Array;

/** Buffer access of one backend: reading inputs and allocating outputs. */
export interface BufferAccess {
  /** Returns the values of `input` without copying them where the backend allows. */
  read(input: tf.TensorInfo): TypedArray;
  /** Returns a new float32 output of `shape` and a writable view of its values. */
  allocate(shapes: number[][]): { outputs: tf.TensorInfo[]; views: Float32Array[] };
}

/** The parts of the CPU backend (tfjs-backend-cpu 4.22) the fused kernels use. */
export interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** The parts of the WASM backend (tfjs-backend-wasm 4.22) the fused kernels use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export function cpuAccess(backend: CpuBackendLike): BufferAccess {
  return {
    read: (input) => {
      const values = backend.data.get(input.dataId).values;
      if (!(values instanceof Float32Array || values instanceof Int32Array)) {
        throw new Error(`Kernel input of dtype ${input.dtype} has no typed array.`);
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

export function wasmAccess(backend: WasmBackendLike): BufferAccess {
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

/** A kernel body that works on any backend through `BufferAccess`. */
export type TypedArrayKernel = (
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
  access: BufferAccess,
) => tf.TensorInfo[];

/** Registers `run` as `kernelName` for the `cpu` and `wasm` backends; later calls do nothing. */
export function registerTypedArrayKernel(kernelName: string, run: TypedArrayKernel): void {
  if (tf.getKernel(kernelName, 'cpu') === undefined) {
    tf.registerKernel({
      kernelName,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs }) =>
        run(inputs, attrs ?? {}, cpuAccess(backend as CpuBackendLike)),
    });
  }
  if (tf.getKernel(kernelName, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName,
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) =>
        run(inputs, attrs ?? {}, wasmAccess(backend as WasmBackendLike)),
    });
  }
}
