/**
 * The Node half of `npm run bench`: parses a generated ratings file and trains with the core,
 * and times a Keras-style `tf.layers` model for comparison.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import type { Dataset } from '../core/data/dataset';
import { loadDataset } from '../core/data/load_dataset';
import { splitRandom } from '../core/data/split';
import type { TrainConfig } from '../core/model/config';
import type { LfmModel } from '../core/model/lfm_model';
import { trainModel } from '../core/model/trainer';
import { catalogFromDataset, ratedItemsOf } from '../core/recommend/catalog';
import { recommendTopN } from '../core/recommend/top_n';
import { startNodeBackend } from './node_backend';
import { nodeInputFile } from './node_files';

/** One line of the bench table; the `--json` output is an array of these. */
export interface BenchRow {
  path: string;
  backend: string;
  dataset: string;
  ratings: number;
  k: number;
  epochs: number;
  parseSeconds: number;
  secondsPerEpoch: number;
  /** Training's wall time, set-up and per-epoch validation included, parsing not. */
  totalSeconds: number;
  /**
   * Chromium only: from pressing Train to the test metrics on the page, which adds the split,
   * scoring the test part, both baselines and the ranking metrics to `totalSeconds`.
   */
  trainToMetricsSeconds?: number;
  valRmse: number;
  peakHeapMB: number;
  /** Chromium only: seconds the worker reports for reading and parsing the file. */
  workerParseSeconds?: number;
  /**
   * Median milliseconds of one user's top-10 over a few users: `recommendTopN` in Node, the
   * explorer's round trip from typing a user id to the rendered table in Chromium.
   */
  top10Ms?: number;
  /** The slowest of those top-10 samples, in milliseconds. */
  top10MaxMs?: number;
  /** Chromium only: largest sum of resident memory over the browser's processes, in MB. */
  peakProcessesMB?: number;
  /** Chromium only: peak resident memory (VmHWM) of the renderer that runs the tab, in MB. */
  peakRendererMB?: number;
}

const MB = 1024 * 1024;
/** Users whose top-10 is timed after training. */
const TOP_10_SAMPLES = 20;

/** Tracks the largest `heapUsed` seen; V8's heap only, not WASM memory. */
class HeapPeak {
  peak = process.memoryUsage().heapUsed;
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }
}

/**
 * Reads `file`, splits it 80/10/10 with the config's seed and trains for `config.epochs`
 * epochs (no early stopping) on `backend`. Total seconds cover training and per-epoch
 * validation, not parsing.
 */
export async function benchCoreInNode(
  file: string,
  datasetLabel: string,
  backend: 'wasm' | 'cpu',
  config: TrainConfig,
): Promise<BenchRow> {
  await startNodeBackend(backend);
  const heap = new HeapPeak();

  const parseStarted = performance.now();
  const dataset = await loadDataset([nodeInputFile(file)]);
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  heap.sample();

  const split = splitRandom(dataset.ratings, config.seed);
  const info = { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
  const result = await trainModel(
    split.train,
    split.validation,
    info,
    { ...config, patience: 0 },
    {
      onEpoch: () => heap.sample(),
    },
  );
  const top10 = await timeTop10(result.model, dataset);
  result.model.dispose();
  const last = result.history.at(-1);

  return {
    path: config.trainingPath ?? 'adam',
    backend,
    dataset: datasetLabel,
    ratings: dataset.ratings.rating.length,
    k: config.k,
    epochs: result.history.length,
    parseSeconds,
    secondsPerEpoch: mean(result.history.map((epoch) => epoch.seconds)),
    totalSeconds: result.seconds,
    valRmse: last?.valRmse ?? NaN,
    peakHeapMB: heap.peak / MB,
    top10Ms: median(top10),
    top10MaxMs: Math.max(...top10),
  };
}

/**
 * Times `recommendTopN` for `TOP_10_SAMPLES` users spread over the user table, leaving out
 * every movie each user rated, as the explorer does. Returns milliseconds per user. The
 * grouping of ratings by user is built once beforehand and not timed.
 */
async function timeTop10(model: LfmModel, dataset: Dataset): Promise<number[]> {
  const catalog = catalogFromDataset(dataset);
  const users = model.info.users;
  // One untimed call, so that the backend's first-use costs are not counted.
  await recommendTopN(model, 0, 10, ratedItemsOf(catalog, 0));

  const times: number[] = [];
  for (let sample = 0; sample < TOP_10_SAMPLES; sample++) {
    const user = Math.floor((users * sample) / TOP_10_SAMPLES);
    const started = performance.now();
    await recommendTopN(model, user, 10, ratedItemsOf(catalog, user));
    times.push(performance.now() - started);
  }
  return times;
}

/** Returns the middle value, or the mean of the two middle values, and NaN for no values. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Trains the biased model as a TF.js user would write it with `tf.layers`: two embeddings, two
 * bias embeddings, a dot product, Adam and `model.fit` on mean squared error with an L2
 * regulariser on the embeddings. Runs on the CPU backend, because the gradient of its gather
 * (UnsortedSegmentSum) has no WASM kernel in TF.js 4.22; on the CPU backend that kernel loops
 * over the table rows, so keep `file` small.
 */
export async function benchKerasInNode(
  file: string,
  datasetLabel: string,
  config: TrainConfig,
): Promise<BenchRow> {
  await startNodeBackend('cpu');
  const heap = new HeapPeak();

  const parseStarted = performance.now();
  const dataset = await loadDataset([nodeInputFile(file)]);
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  const split = splitRandom(dataset.ratings, config.seed);
  const users = dataset.users.size;
  const items = dataset.items.size;

  let sum = 0;
  for (const rating of split.train.rating) sum += rating;
  const mu = sum / split.train.rating.length;

  // Keras adds its L2 penalty once per step over the whole table, not per rating, so the
  // per-rating strength is spread over the training ratings to get a similar total.
  const model = buildKerasModel(users, items, config, config.l2 / split.train.rating.length);
  const toInputs = (triples: typeof split.train): tf.Tensor[] => [
    tf.tensor2d(triples.user, [triples.user.length, 1], 'int32'),
    tf.tensor2d(triples.item, [triples.item.length, 1], 'int32'),
  ];
  const trainInputs = toInputs(split.train);
  const trainTargets = tf.tensor2d(
    Float32Array.from(split.train.rating, (rating) => rating - mu),
    [split.train.rating.length, 1],
  );
  const validationInputs = toInputs(split.validation);

  const epochSeconds: number[] = [];
  let valRmse = NaN;
  const started = performance.now();
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const epochStarted = performance.now();
    await model.fit(trainInputs, trainTargets, {
      batchSize: config.batchSize,
      epochs: 1,
      shuffle: true,
      verbose: 0,
    });
    valRmse = await kerasRmse(model, validationInputs, split.validation.rating, mu, dataset.scale);
    epochSeconds.push((performance.now() - epochStarted) / 1000);
    heap.sample();
  }
  const totalSeconds = (performance.now() - started) / 1000;

  tf.dispose([...trainInputs, trainTargets, ...validationInputs]);
  model.dispose();
  return {
    path: 'keras-fit',
    backend: 'cpu',
    dataset: datasetLabel,
    ratings: dataset.ratings.rating.length,
    k: config.k,
    epochs: config.epochs,
    parseSeconds,
    secondsPerEpoch: mean(epochSeconds),
    totalSeconds,
    valRmse,
    peakHeapMB: heap.peak / MB,
  };
}

function buildKerasModel(
  users: number,
  items: number,
  config: TrainConfig,
  tableL2: number,
): tfl.LayersModel {
  const userInput = tfl.input({ shape: [1], dtype: 'int32' });
  const itemInput = tfl.input({ shape: [1], dtype: 'int32' });
  const embedding = (count: number, size: number, l2: number) =>
    tfl.layers.embedding({
      inputDim: count,
      outputDim: size,
      embeddingsInitializer: tfl.initializers.randomNormal({ stddev: config.initStd }),
      embeddingsRegularizer: l2 > 0 ? tfl.regularizers.l2({ l2 }) : undefined,
    });
  const flatten = (layer: tfl.SymbolicTensor) =>
    tfl.layers.flatten().apply(layer) as tfl.SymbolicTensor;

  const p = flatten(embedding(users, config.k, tableL2).apply(userInput) as tfl.SymbolicTensor);
  const q = flatten(embedding(items, config.k, tableL2).apply(itemInput) as tfl.SymbolicTensor);
  const userBias = flatten(embedding(users, 1, 0).apply(userInput) as tfl.SymbolicTensor);
  const itemBias = flatten(embedding(items, 1, 0).apply(itemInput) as tfl.SymbolicTensor);
  const dot = tfl.layers.dot({ axes: 1 }).apply([p, q]) as tfl.SymbolicTensor;
  const output = tfl.layers.add().apply([dot, userBias, itemBias]) as tfl.SymbolicTensor;

  const model = tfl.model({ inputs: [userInput, itemInput], outputs: output });
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'meanSquaredError' });
  return model;
}

async function kerasRmse(
  model: tfl.LayersModel,
  inputs: tf.Tensor[],
  ratings: Float32Array,
  mu: number,
  scale: { min: number; max: number },
): Promise<number> {
  const predicted = model.predict(inputs, { batchSize: 65_536 }) as tf.Tensor;
  const values = await predicted.data();
  predicted.dispose();
  let squared = 0;
  for (let index = 0; index < ratings.length; index++) {
    const clipped = Math.min(scale.max, Math.max(scale.min, (values[index] as number) + mu));
    squared += (clipped - (ratings[index] as number)) ** 2;
  }
  return Math.sqrt(squared / ratings.length);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
