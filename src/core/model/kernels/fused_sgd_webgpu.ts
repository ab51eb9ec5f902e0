/**
 * The `LfmFusedSgd` kernel on the `webgpu` backend (tfjs-backend-webgpu 4.22). It keeps the
 * contract of the `cpu` and `wasm` kernels in fused_sgd_kernel.ts: the same inputs and
 * attributes, and new output tensors for the four tables, so the input buffers are never
 * written. The fifth output is the [squared error, absolute error, L2] sums of shape [3], each
 * taken before that rating's update.
 *
 * One call records, in one command buffer:
 * 1. copies of P and Q into their output buffers and of both bias tables into one scratch
 *    buffer [userBias | itemBias];
 * 2. one dispatch of `sgd` (fused_sgd_wgsl.ts), in which each invocation visits a contiguous
 *    run of order[start, end) and updates the copies in place, lock-free (Hogwild, as in
 *    cuMF_SGD), and each workgroup writes its three sums to a partials buffer;
 * 3. one dispatch of `reduce`, one workgroup that adds the partials into the sums output;
 * 4. copies of the bias scratch buffer into the two bias outputs.
 *
 * NOTE: unlike the sequential CPU pass, a run is not reproducible bit for bit, and updates of
 * a popular row can be lost when invocations collide on it (see `sgd` in fused_sgd_wgsl.ts).
 * The optional attribute `maxInvocations` caps the parallelism; 1 gives the sequential pass
 * in float32 arithmetic, which the unit test compares with the CPU kernel.
 *
 * As in sgd_pass.ts, rating indices are not checked here; the trainer validates them once.
 * WebGPU's bounds checks keep an access with a bad index inside its buffer.
 *
 * The backend has no public API for a program with several outputs, so this kernel uses its
 * device, command encoder and tensor storage directly, through `WebGpuBackendLike`. The
 * WebGPU types (GPUDevice, GPUBuffer, ...) come from @webgpu/types, which tfjs-core 4.22
 * depends on and references from its own type declarations.
 */
import * as tf from '@tensorflow/tfjs-core';

import { FUSED_SGD_KERNEL } from './fused_sgd_kernel';
import {
  FUSED_SGD_WGSL,
  SGD_PARAM_FIELDS,
  SGD_WORKGROUP_SIZE,
  type SgdParamName,
} from './fused_sgd_wgsl';

/** One field of a uniform buffer, as `makeUniforms` of tfjs-backend-webgpu 4.22 takes it. */
interface UniformField {
  type: 'uint32' | 'float32';
  data: number[];
}

/** The parts of the WebGPU backend (tfjs-backend-webgpu 4.22) this kernel uses. */
interface WebGpuBackendLike {
  device: GPUDevice;
  /** Non-null after `ensureCommandEncoderReady` until the next `submitQueue`. */
  commandEncoder: GPUCommandEncoder | null;
  tensorMap: { get(dataId: object): { resource?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32'): tf.TensorInfo;
  /** Allocates the tensor's GPU buffer, and uploads its values when they are on the CPU. */
  uploadToGPU(dataId: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  /** Writes the fields into a pooled uniform buffer that is released on the next submit. */
  makeUniforms(fields: UniformField[]): GPUBufferBinding;
  /** Submits the recorded commands and releases buffers whose release was deferred. */
  submitQueue(): void;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** Minimum ratings one invocation visits per call, so that short calls use few invocations. */
const MIN_RATINGS_PER_INVOCATION = 8;
/**
 * Table rows (users + items) per concurrent invocation. Fewer invocations than rows keeps
 * two invocations on the same row rare. On ML-100k-sized tables (2,625 rows) 4 gives 656
 * invocations. NOTE: chosen on SwiftShader only. On a hardware GPU more invocations would run
 * faster, and the RMSE cost of fewer rows per invocation there is unmeasured.
 */
const TABLE_ROWS_PER_INVOCATION = 4;
/** Bounds the dispatch well under the 65,535 workgroups per dimension WebGPU guarantees. */
const MAX_WORKGROUPS = 4096;

const TABLE_NAMES = ['userEmbedding', 'itemEmbedding', 'userBias', 'itemBias'] as const;
const RATING_NAMES = ['users', 'items', 'ratings', 'order'] as const;
const INPUT_DTYPES: Record<string, tf.DataType> = {
  userEmbedding: 'float32',
  itemEmbedding: 'float32',
  userBias: 'float32',
  itemBias: 'float32',
  users: 'int32',
  items: 'int32',
  ratings: 'float32',
  order: 'int32',
};

interface SgdPipelines {
  sgd: GPUComputePipeline;
  reduce: GPUComputePipeline;
}

/** Pipelines compiled once per device. After a device loss, TF.js makes a new backend and device. */
const pipelineCache = new WeakMap<GPUDevice, SgdPipelines>();

function pipelinesFor(device: GPUDevice): SgdPipelines {
  let pipelines = pipelineCache.get(device);
  if (pipelines === undefined) {
    const module = device.createShaderModule({ code: FUSED_SGD_WGSL, label: FUSED_SGD_KERNEL });
    const make = (entryPoint: string): GPUComputePipeline =>
      device.createComputePipeline({
        label: `${FUSED_SGD_KERNEL}.${entryPoint}`,
        layout: 'auto',
        compute: { module, entryPoint },
      });
    pipelines = { sgd: make('sgd'), reduce: make('reduce') };
    pipelineCache.set(device, pipelines);
  }
  return pipelines;
}

/** Number of invocations for `count` ratings on tables of `tableRows` rows. */
export function sgdInvocations(count: number, tableRows: number, maxInvocations: number): number {
  const byRatings = Math.ceil(count / MIN_RATINGS_PER_INVOCATION);
  const byRows = Math.floor(tableRows / TABLE_ROWS_PER_INVOCATION);
  const cap = Math.min(maxInvocations, MAX_WORKGROUPS * SGD_WORKGROUP_SIZE);
  return Math.max(1, Math.min(byRatings, byRows, cap));
}

function requireInput(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const input = inputs[name];
  if (input === undefined) throw new Error(`${FUSED_SGD_KERNEL}: input ${name} is missing.`);
  if (input.dtype !== INPUT_DTYPES[name]) {
    throw new Error(
      `${FUSED_SGD_KERNEL}: input ${name} must be ${INPUT_DTYPES[name]}, got ${input.dtype}.`,
    );
  }
  return input;
}

function requireInteger(attrs: tf.NamedAttrMap, name: string, min: number, max: number): number {
  const value = attrs[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${FUSED_SGD_KERNEL}: attribute ${name} must be an integer in [${min}, ${max}], got ${String(value)}.`,
    );
  }
  return value;
}

function gpuBuffer(backend: WebGpuBackendLike, info: tf.TensorInfo): GPUBuffer {
  backend.uploadToGPU(info.dataId);
  const resource = backend.tensorMap.get(info.dataId).resource;
  if (!(resource instanceof GPUBuffer)) {
    throw new Error(
      `${FUSED_SGD_KERNEL}: a tensor of shape [${info.shape}] is not in a GPU buffer.`,
    );
  }
  return resource;
}

function elementCount(info: tf.TensorInfo): number {
  return info.shape.reduce((a, b) => a * b, 1);
}

function runFusedSgdWebGpu(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
  backend: WebGpuBackendLike,
): tf.TensorInfo[] {
  const tables = TABLE_NAMES.map((name) => requireInput(inputs, name));
  const [userEmbedding, itemEmbedding, userBias, itemBias] = tables as [
    tf.TensorInfo,
    tf.TensorInfo,
    tf.TensorInfo,
    tf.TensorInfo,
  ];
  const ratingInputs = RATING_NAMES.map((name) => requireInput(inputs, name));
  const order = ratingInputs[3] as tf.TensorInfo;
  const users = elementCount(userBias);
  const items = elementCount(itemBias);
  const k = userEmbedding.shape[1] ?? 0;
  if (k < 1 || itemEmbedding.shape[1] !== k || users < 1 || items < 1) {
    throw new Error(
      `${FUSED_SGD_KERNEL}: tables must be non-empty with the same k, got userEmbedding ` +
        `[${userEmbedding.shape}] and itemEmbedding [${itemEmbedding.shape}].`,
    );
  }
  const start = requireInteger(attrs, 'start', 0, elementCount(order));
  const end = requireInteger(attrs, 'end', start, elementCount(order));
  const maxInvocations =
    attrs.maxInvocations === undefined
      ? Number.POSITIVE_INFINITY
      : requireInteger(attrs, 'maxInvocations', 1, Number.MAX_SAFE_INTEGER);

  const count = end - start;
  const invocations = sgdInvocations(count, users + items, maxInvocations);
  const groups = count === 0 ? 0 : Math.ceil(invocations / SGD_WORKGROUP_SIZE);
  const params: Record<SgdParamName, number> = {
    start,
    count,
    // invocations × runLength >= count, so invocations past the last run visit nothing.
    runLength: Math.ceil(count / invocations),
    k,
    users,
    groups,
    learningRate: attrs.learningRate as number,
    lambda: attrs.lambda as number,
    biasLambda: attrs.biasLambda as number,
    mu: attrs.mu as number,
  };

  const outputs = [...tables.map((table) => table.shape), [3]].map((shape) =>
    backend.makeTensorInfo(shape, 'float32'),
  );
  // Scratch buffers, freed below: the two bias tables and the per-workgroup sums (at least
  // one row, because WebGPU does not bind an empty buffer).
  const biasScratch = backend.makeTensorInfo([users + items], 'float32');
  const partials = backend.makeTensorInfo([Math.max(1, groups), 3], 'float32');
  try {
    recordAndSubmit(backend, {
      tables: tables.map((table) => gpuBuffer(backend, table)),
      ratings: ratingInputs.map((input) => gpuBuffer(backend, input)),
      outputs: outputs.map((output) => gpuBuffer(backend, output)),
      biasScratch: gpuBuffer(backend, biasScratch),
      partials: gpuBuffer(backend, partials),
      items,
      params,
    });
  } catch (error) {
    for (const output of outputs) backend.disposeData(output.dataId);
    throw error;
  } finally {
    backend.disposeData(biasScratch.dataId);
    backend.disposeData(partials.dataId);
  }
  return outputs;
}

interface SgdBuffers {
  /** P, Q, userBias, itemBias: read only, by the copies. */
  tables: GPUBuffer[];
  /** users, items, ratings, order. */
  ratings: GPUBuffer[];
  /** P, Q, userBias, itemBias, sums. */
  outputs: GPUBuffer[];
  biasScratch: GPUBuffer;
  partials: GPUBuffer;
  /** Rows of Q (the rows of P are in `params.users`). */
  items: number;
  params: Record<SgdParamName, number>;
}

function recordAndSubmit(backend: WebGpuBackendLike, buffers: SgdBuffers): void {
  const { device } = backend;
  const pipelines = pipelinesFor(device);
  const [userEmbedding, itemEmbedding, userBias, itemBias] = buffers.tables as [
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
  ];
  const [outUserEmbedding, outItemEmbedding, outUserBias, outItemBias, outSums] =
    buffers.outputs as [GPUBuffer, GPUBuffer, GPUBuffer, GPUBuffer, GPUBuffer];
  const { params } = buffers;
  const uniforms = backend.makeUniforms(
    SGD_PARAM_FIELDS.map(([name, type]) => ({ type, data: [params[name]] })),
  );
  // Copy sizes in bytes, from the shapes: a pooled buffer can be larger than its tensor.
  const userBiasBytes = params.users * 4;
  const itemBiasBytes = buffers.items * 4;
  const userEmbeddingBytes = params.users * params.k * 4;
  const itemEmbeddingBytes = buffers.items * params.k * 4;

  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  const encoder = backend.commandEncoder as GPUCommandEncoder;
  encoder.copyBufferToBuffer(userEmbedding, 0, outUserEmbedding, 0, userEmbeddingBytes);
  encoder.copyBufferToBuffer(itemEmbedding, 0, outItemEmbedding, 0, itemEmbeddingBytes);
  encoder.copyBufferToBuffer(userBias, 0, buffers.biasScratch, 0, userBiasBytes);
  encoder.copyBufferToBuffer(itemBias, 0, buffers.biasScratch, userBiasBytes, itemBiasBytes);

  const pass = encoder.beginComputePass({ label: FUSED_SGD_KERNEL });
  if (params.groups > 0) {
    pass.setPipeline(pipelines.sgd);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipelines.sgd.getBindGroupLayout(0),
        entries: [
          outUserEmbedding,
          outItemEmbedding,
          buffers.biasScratch,
          buffers.partials,
          ...buffers.ratings,
        ]
          .map((buffer, binding) => ({ binding, resource: { buffer } }))
          .concat([{ binding: 8, resource: uniforms }]),
      }),
    );
    pass.dispatchWorkgroups(params.groups);
  }
  pass.setPipeline(pipelines.reduce);
  pass.setBindGroup(
    0,
    device.createBindGroup({
      layout: pipelines.reduce.getBindGroupLayout(0),
      entries: [
        { binding: 3, resource: { buffer: buffers.partials } },
        { binding: 8, resource: uniforms },
        { binding: 9, resource: { buffer: outSums } },
      ],
    }),
  );
  pass.dispatchWorkgroups(1);
  pass.end();

  encoder.copyBufferToBuffer(buffers.biasScratch, 0, outUserBias, 0, userBiasBytes);
  encoder.copyBufferToBuffer(buffers.biasScratch, userBiasBytes, outItemBias, 0, itemBiasBytes);
  // Submitting here means every buffer above may be released as soon as the call returns.
  backend.submitQueue();
}

/** Registers the kernel for `webgpu` when that backend is registered; later calls do nothing. */
export function registerFusedSgdWebGpuKernel(): void {
  if (tf.findBackendFactory('webgpu') === null) return;
  if (tf.getKernel(FUSED_SGD_KERNEL, 'webgpu') !== undefined) return;

  tf.registerKernel({
    kernelName: FUSED_SGD_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) =>
      runFusedSgdWebGpu(inputs, attrs ?? {}, backend as unknown as WebGpuBackendLike),
  });
}
