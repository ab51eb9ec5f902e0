/**
 * Runs the `webgpu` fused SGD kernel next to the `cpu` one in Node, on Dawn's bindings (npm
 * package `webgpu`), and prints one line `RESULT <json>` (a `WebGpuCheckReport`) on stdout.
 * fused_sgd_webgpu.test.ts starts it in a child process and asserts on the report.
 *
 * Dawn loads the Vulkan loader (libvulkan.so.1) from the directories in LD_LIBRARY_PATH,
 * which the dynamic linker reads only when a process starts, so the test sets it, with
 * VK_ICD_FILENAMES, in this child's environment. The process exits with code 3 and a message on stderr when Dawn finds no
 * adapter.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { create, globals } from 'webgpu';

import { createRng } from '../../data/random';
import { FUSED_SGD_PRESET, type TrainConfig } from '../config';
import { lowRankRatings } from '../test_support';
import { trainModel, type EpochMetrics } from '../trainer';
import { FUSED_SGD_KERNEL, registerFusedSgdKernels } from './fused_sgd_kernel';
import { registerFusedSgdWebGpuKernel, sgdInvocations } from './fused_sgd_webgpu';

export const NO_ADAPTER_EXIT_CODE = 3;

/** Largest absolute differences and the sums of one kernel call compared on two backends. */
export interface CallComparison {
  /** Max |webgpu - cpu| over each output table: P, Q, userBias, itemBias. */
  tableDiffs: number[];
  cpuSums: number[];
  webgpuSums: number[];
  /** Max |input after - input before| over the four input tables on webgpu. */
  inputChange: number;
  /** Invocations of the `sgd` dispatch, as `sgdInvocations` computes them for this call. */
  invocations: number;
}

export interface TrainingComparison {
  cpu: EpochMetrics[];
  webgpu: EpochMetrics[];
  /** tf.memory().numTensors after each webgpu epoch. */
  tensorCounts: number[];
  tensorsBefore: number;
  tensorsAfter: number;
}

export interface WebGpuCheckReport {
  adapter: string;
  /** maxInvocations 1: the sequential pass, over a slice that starts after position 0. */
  sequential: CallComparison;
  /** The default parallelism, on the same tables and slice. */
  parallel: CallComparison;
  /** An empty slice: start = end. */
  emptyRange: CallComparison;
  /** numTensors before and after 5 webgpu calls whose outputs are disposed. */
  kernelTensors: { before: number; after: number };
  training: TrainingComparison;
}

interface KernelData {
  tables: {
    userEmbedding: number[][];
    itemEmbedding: number[][];
    userBias: number[];
    itemBias: number[];
  };
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  order: Int32Array;
}

const USERS = 60;
const ITEMS = 45;
const K = 5;
const RATINGS = 3000;
const SETTINGS = { learningRate: 0.05, lambda: 0.05, biasLambda: 0.02, mu: 3.5 };

/** Random tables and ratings, drawn from a seeded generator. */
function kernelData(seed: number): KernelData {
  const random = createRng(seed);
  const matrix = (rows: number): number[][] =>
    Array.from({ length: rows }, () => Array.from({ length: K }, () => (random() - 0.5) * 0.4));
  const order = Int32Array.from({ length: RATINGS }, (_, index) => index);
  for (let index = RATINGS - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return {
    tables: {
      userEmbedding: matrix(USERS),
      itemEmbedding: matrix(ITEMS),
      userBias: Array.from({ length: USERS }, () => (random() - 0.5) * 0.2),
      itemBias: Array.from({ length: ITEMS }, () => (random() - 0.5) * 0.2),
    },
    users: Int32Array.from({ length: RATINGS }, () => Math.floor(random() * USERS)),
    items: Int32Array.from({ length: RATINGS }, () => Math.floor(random() * ITEMS)),
    ratings: Float32Array.from({ length: RATINGS }, () => 1 + Math.floor(random() * 5)),
    order,
  };
}

interface CallResult {
  tables: Float32Array[];
  sums: number[];
  inputChange: number;
}

/** Runs one kernel call on the active backend and reads every output back. */
async function runCall(data: KernelData, attrs: Record<string, number>): Promise<CallResult> {
  const inputs = {
    userEmbedding: tf.tensor2d(data.tables.userEmbedding),
    itemEmbedding: tf.tensor2d(data.tables.itemEmbedding),
    userBias: tf.tensor1d(data.tables.userBias),
    itemBias: tf.tensor1d(data.tables.itemBias),
    users: tf.tensor1d(data.users, 'int32'),
    items: tf.tensor1d(data.items, 'int32'),
    ratings: tf.tensor1d(data.ratings),
    order: tf.tensor1d(data.order, 'int32'),
  };
  const tableInputs = [
    inputs.userEmbedding,
    inputs.itemEmbedding,
    inputs.userBias,
    inputs.itemBias,
  ];
  const before = await Promise.all(
    tableInputs.map((input) => input.data() as Promise<Float32Array>),
  );

  const outputs = tf
    .engine()
    .runKernel(FUSED_SGD_KERNEL, inputs, { ...SETTINGS, ...attrs }) as tf.Tensor[];
  const values = await Promise.all(outputs.map((output) => output.data() as Promise<Float32Array>));
  const after = await Promise.all(
    tableInputs.map((input) => input.data() as Promise<Float32Array>),
  );

  tf.dispose([...Object.values(inputs), ...outputs]);
  return {
    tables: values.slice(0, 4),
    sums: Array.from(values[4] as Float32Array),
    inputChange: Math.max(
      ...before.map((array, index) => maxDiff(array, after[index] as Float32Array)),
    ),
  };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let index = 0; index < a.length; index++) {
    max = Math.max(max, Math.abs((a[index] as number) - (b[index] as number)));
  }
  return max;
}

async function compareCall(
  data: KernelData,
  attrs: Record<string, number>,
): Promise<CallComparison> {
  await tf.setBackend('cpu');
  const cpu = await runCall(data, attrs);
  await tf.setBackend('webgpu');
  const webgpu = await runCall(data, attrs);
  const count = (attrs.end as number) - (attrs.start as number);
  return {
    tableDiffs: cpu.tables.map((table, index) =>
      maxDiff(table, webgpu.tables[index] as Float32Array),
    ),
    cpuSums: cpu.sums,
    webgpuSums: webgpu.sums,
    inputChange: webgpu.inputChange,
    invocations: sgdInvocations(count, USERS + ITEMS, attrs.maxInvocations ?? Infinity),
  };
}

async function countKernelTensors(data: KernelData): Promise<{ before: number; after: number }> {
  await tf.setBackend('webgpu');
  const before = tf.memory().numTensors;
  for (let call = 0; call < 5; call++) await runCall(data, { start: 0, end: RATINGS });
  return { before, after: tf.memory().numTensors };
}

/** Trains the fused SGD path on `backend` and records the tensor count after each epoch. */
async function train(
  backend: string,
  counts: number[],
): Promise<{ history: EpochMetrics[]; before: number; after: number }> {
  await tf.setBackend(backend);
  const info = { users: 150, items: 120, scale: { min: 1, max: 5, step: 1 } };
  const { train: trainSet, validation } = lowRankRatings(info.users, info.items, 7);
  const config: TrainConfig = {
    ...FUSED_SGD_PRESET,
    k: 8,
    epochs: 8,
    sgdLearningRate: 0.02,
    l2: 0.02,
    biasL2: 0.02,
    learningRateDecay: 1,
    patience: 0,
    seed: 3,
  };
  const before = tf.memory().numTensors;
  const result = await trainModel(trainSet, validation, info, config, {
    onEpoch: () => counts.push(tf.memory().numTensors),
  });
  result.model.dispose();
  return { history: result.history, before, after: tf.memory().numTensors };
}

async function main(): Promise<void> {
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const adapter = await gpu.requestAdapter();
  if (adapter === null) {
    process.stderr.write(
      'Dawn found no WebGPU adapter: check LD_LIBRARY_PATH and VK_ICD_FILENAMES.\n',
    );
    process.exit(NO_ADAPTER_EXIT_CODE);
  }
  // tfjs-backend-webgpu registers itself on import only when navigator.gpu exists. Defining
  // the property also works on Node versions that have their own `navigator` (21 and later).
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  registerFusedSgdKernels();
  registerFusedSgdWebGpuKernel();

  const data = kernelData(11);
  const slice = { start: 500, end: 2600 };
  const sequential = await compareCall(data, { ...slice, maxInvocations: 1 });
  const parallel = await compareCall(data, slice);
  const emptyRange = await compareCall(data, { start: 1200, end: 1200 });
  const kernelTensors = await countKernelTensors(data);

  const cpuRun = await train('cpu', []);
  const tensorCounts: number[] = [];
  const webgpuRun = await train('webgpu', tensorCounts);

  const report: WebGpuCheckReport = {
    adapter: [adapter.info.vendor, adapter.info.architecture, adapter.info.description]
      .filter(Boolean)
      .join(' '),
    sequential,
    parallel,
    emptyRange,
    kernelTensors,
    training: {
      cpu: cpuRun.history,
      webgpu: webgpuRun.history,
      tensorCounts,
      tensorsBefore: webgpuRun.before,
      tensorsAfter: webgpuRun.after,
    },
  };
  process.stdout.write(`RESULT ${JSON.stringify(report)}\n`);
}

await main();
