import * as tf from '@tensorflow/tfjs-core';

import type { RatingTriples } from '../data/dataset';
import { LfmError } from '../errors';
import { stepSizeOf, trainingPathOf, validateTrainConfig, type TrainConfig } from './config';
import { checkFusedSgdBackend, FusedSgdEpochRunner, type EpochRunner } from './fused_trainer';
import { nextMacrotask } from './event_loop';
import {
  LfmModel,
  disposeWeights,
  validateTriples,
  type ModelArrays,
  type ModelInfo,
  type ModelWeights,
} from './lfm_model';
import { createRng, randomPermutation } from '../data/random';
import { selectRatings } from '../data/split';
import { AdamTrainStep } from './train_step';

/** Metrics of one epoch, in the same shape as `EpochMetrics` in the worker protocol. */
export interface EpochMetrics {
  epoch: number;
  /** Mean squared error of the training ratings, without the L2 term. */
  trainLoss: number;
  /** Mean per-rating L2 term over the epoch. */
  l2: number;
  trainMae: number;
  valMse: number;
  valMae: number;
  valRmse: number;
  /** Wall seconds of this epoch, including validation. */
  seconds: number;
}

/** Callbacks into the caller; both are optional. */
export interface TrainHooks {
  /** Receives each epoch's metrics before the next epoch starts. */
  onEpoch?(metrics: EpochMetrics): void;
  /** Polled after each epoch; returning true ends training there. */
  shouldStop?(): boolean;
  /**
   * Receives the model after each epoch that lowered validation RMSE, with the history up to
   * that epoch, and is awaited, so it may read the weights (e.g. into a `TrainingCheckpoint`).
   */
  onBestEpoch?(model: LfmModel, history: readonly EpochMetrics[]): Promise<void> | void;
  /**
   * Called once after the last epoch, before the test part is scored. `runTraining` and
   * `trainFinalModel` call it; `trainModel` itself does not.
   */
  onTrainingEnd?(): void;
}

/** Weights after the epoch `history.length`, from which training can continue. */
export interface TrainingCheckpoint {
  weights: ModelArrays;
  /** Metrics of epochs 1 to the checkpoint's epoch; the last entry is the best so far. */
  history: EpochMetrics[];
}

/** Reason training ended. `diverged` comes with a `training-diverged` error in the result. */
export type TrainEndReason = 'completed' | 'stopped' | 'early-stopping' | 'diverged';

export interface TrainResult {
  /** The trained model, holding the best epoch's weights. The caller disposes it. */
  model: LfmModel;
  /** Metrics of every finished epoch, in order; a diverged epoch is not included. */
  history: EpochMetrics[];
  /** Epoch whose weights the model holds; 0 means the initial weights. */
  bestEpoch: number;
  reason: TrainEndReason;
  /** A `training-diverged` error when reason is `diverged`, else null. */
  error: LfmError | null;
  seconds: number;
}

/** Maximum time in milliseconds spent on batches between two yields to the event loop. */
const YIELD_INTERVAL_MS = 15;
/** Validation ratings predicted per backend call. */
const VALIDATION_CHUNK = 65_536;
/** Mixed into the seed so the shuffling stream differs from the initialisation stream. */
const SHUFFLE_SEED_SALT = 0x5bd1e995;

interface TriplesOnBackend {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  ratings: tf.Tensor1D;
  count: number;
}

/**
 * Trains a new biased LFM with Adam over seeded, shuffled mini-batches and returns it.
 *
 * The triples are uploaded once; each batch is a slice of the epoch's permutation,
 * gathered on the backend. Error and L2 sums accumulate in a tensor, and each epoch reads
 * back one tensor of five numbers, so no step waits for the backend. Between batches the
 * loop yields to the event loop at least every 15 ms so that messages get through.
 *
 * After each epoch the model is scored on `validation` (clipped predictions, fallback rule).
 * The weights of the epoch with the lowest validation RMSE are kept and restored at the
 * end, with or without early stopping. With an empty validation set the last epoch counts
 * as best. `patience` > 0 ends training after that many epochs without a lower RMSE.
 * A true `shouldStop()` ends training after the current epoch. A non-finite loss ends
 * training with reason `diverged`: the model then keeps the best weights so far (the
 * initial ones if the first epoch diverged) and `error` suggests a lower learning rate.
 *
 * Throws `invalid-config` for a bad config and `no-ratings` or `invalid-format` for bad
 * triples.
 */
export async function trainModel(
  train: RatingTriples,
  validation: RatingTriples,
  info: ModelInfo,
  config: TrainConfig,
  hooks: TrainHooks = {},
  resume: TrainingCheckpoint | null = null,
): Promise<TrainResult> {
  validateTrainConfig(config);
  if (trainingPathOf(config) === 'fused-sgd') checkFusedSgdBackend();
  validateTriples(validation, info, 'Validation set');
  const started = performance.now();
  // A resumed run starts from the checkpoint's weights with fresh Adam moments and shuffling.
  const model =
    resume === null
      ? LfmModel.initialize(train, info, config)
      : LfmModel.fromArrays(resume.weights);

  const random = createRng((config.seed ^ SHUFFLE_SEED_SALT) >>> 0);
  // The fused path visits the ratings in runs of consecutive positions (see
  // FusedSgdEpochRunner), so it needs them in a random order once.
  const fused = trainingPathOf(config) === 'fused-sgd';
  const trainOnBackend = upload(
    fused ? selectRatings(train, randomPermutation(train.rating.length, random)) : train,
  );
  const validationOnBackend = upload(validation);
  const step = createEpochRunner(model, trainOnBackend, config);
  let best: ModelWeights = model.snapshot();

  const history: EpochMetrics[] = resume === null ? [] : [...resume.history];
  let bestEpoch = history.length;
  let bestRmse = history.at(-1)?.valRmse ?? Infinity;
  let reason: TrainEndReason = 'completed';
  let error: LfmError | null = null;

  try {
    for (let epoch = history.length + 1; epoch <= config.epochs; epoch++) {
      const epochStarted = performance.now();
      step.setLearningRate(stepSizeOf(config) * (config.learningRateDecay ?? 1) ** (epoch - 1));
      const trainSums = await step.runEpoch(random);
      const validationSums = errorSums(model, validationOnBackend);
      const readout = tf.concat([trainSums, validationSums]);
      trainSums.dispose();
      validationSums.dispose();
      const values = await readout.data();
      readout.dispose();

      const metrics = toEpochMetrics(epoch, values, train.rating.length, validation.rating.length);
      metrics.seconds = (performance.now() - epochStarted) / 1000;
      if (isDiverged(metrics, validation.rating.length)) {
        model.restore(best);
        reason = 'diverged';
        error = divergedError(epoch, stepSizeOf(config));
        break;
      }

      history.push(metrics);
      if (validation.rating.length === 0 || metrics.valRmse < bestRmse) {
        disposeWeights(best);
        best = model.snapshot();
        bestEpoch = epoch;
        bestRmse = metrics.valRmse;
        await hooks.onBestEpoch?.(model, history);
      }
      hooks.onEpoch?.(metrics);

      if (epoch === config.epochs) break;
      if (config.patience > 0 && epoch - bestEpoch >= config.patience) {
        reason = 'early-stopping';
        break;
      }
      if (hooks.shouldStop?.() === true) {
        reason = 'stopped';
        break;
      }
      await nextMacrotask();
    }

    model.restore(best);
  } catch (thrown) {
    model.dispose();
    throw thrown;
  } finally {
    disposeWeights(best);
    step.dispose();
    disposeTriples(trainOnBackend);
    disposeTriples(validationOnBackend);
  }

  const seconds = (performance.now() - started) / 1000;
  return { model, history, bestEpoch, reason, error, seconds };
}

/** The epoch runner of the config's training path. */
function createEpochRunner(
  model: LfmModel,
  data: TriplesOnBackend,
  config: TrainConfig,
): EpochRunner {
  const lambda = config.l2;
  const biasLambda = config.biasL2 ?? config.l2;
  if (trainingPathOf(config) === 'fused-sgd') {
    return new FusedSgdEpochRunner(model, data, stepSizeOf(config), lambda, biasLambda);
  }
  const step = new AdamTrainStep(model, config.learningRate, lambda, biasLambda);
  return {
    setLearningRate: (learningRate) => step.setLearningRate(learningRate),
    runEpoch: (random) => runEpoch(data, step, config.batchSize, random),
    dispose: () => step.dispose(),
  };
}

/** Runs one epoch of Adam steps; returns [squared error, absolute error, L2] sums, shape [3]. */
async function runEpoch(
  data: TriplesOnBackend,
  step: AdamTrainStep,
  batchSize: number,
  random: () => number,
): Promise<tf.Tensor1D> {
  const order = tf.tensor1d(randomPermutation(data.count, random), 'int32');
  let totals: tf.Tensor1D = tf.zeros([3]);
  let lastYield = performance.now();

  for (let start = 0; start < data.count; start += batchSize) {
    const size = Math.min(batchSize, data.count - start);
    const previous = totals;
    totals = tf.tidy(() => {
      const index = tf.slice(order, start, size);
      const sums = step.run({
        users: tf.gather(data.users, index),
        items: tf.gather(data.items, index),
        ratings: tf.gather(data.ratings, index),
      });
      return tf.add(previous, sums);
    });
    previous.dispose();

    if (performance.now() - lastYield >= YIELD_INTERVAL_MS) {
      await nextMacrotask();
      lastYield = performance.now();
    }
  }

  order.dispose();
  return totals;
}

/** Squared and absolute error sums of the model's clipped predictions, shape [2]. */
function errorSums(model: LfmModel, data: TriplesOnBackend): tf.Tensor1D {
  return tf.tidy(() => {
    let sums: tf.Tensor1D = tf.zeros([2]);
    for (let start = 0; start < data.count; start += VALIDATION_CHUNK) {
      const size = Math.min(VALIDATION_CHUNK, data.count - start);
      const chunkSums = model.errorSumsTensor(
        tf.slice(data.users, start, size),
        tf.slice(data.items, start, size),
        tf.slice(data.ratings, start, size),
      );
      sums = tf.add(sums, chunkSums);
    }
    return sums;
  });
}

function toEpochMetrics(
  epoch: number,
  values: ArrayLike<number>,
  trainCount: number,
  validationCount: number,
): EpochMetrics {
  const [squaredError, absoluteError, l2, validationSquared, validationAbsolute] =
    Array.from(values);
  const valMse = (validationSquared as number) / validationCount;
  return {
    epoch,
    trainLoss: (squaredError as number) / trainCount,
    l2: (l2 as number) / trainCount,
    trainMae: (absoluteError as number) / trainCount,
    valMse,
    valMae: (validationAbsolute as number) / validationCount,
    valRmse: Math.sqrt(valMse),
    seconds: 0,
  };
}

/** True when a training sum, or a validation sum of a non-empty set, is NaN or infinite. */
function isDiverged(metrics: EpochMetrics, validationCount: number): boolean {
  const trainFinite = [metrics.trainLoss, metrics.l2, metrics.trainMae].every(Number.isFinite);
  const validationFinite = validationCount === 0 || Number.isFinite(metrics.valMse);
  return !(trainFinite && validationFinite);
}

function divergedError(epoch: number, learningRate: number): LfmError {
  return new LfmError(
    'training-diverged',
    `Training: the loss must stay finite, got NaN or Infinity in epoch ${epoch} with learning rate ${learningRate}. ` +
      'The model keeps the best weights before that epoch. Lower the learning rate (for example by 10x) and train again.',
    { value: String(learningRate) },
  );
}

function upload(triples: RatingTriples): TriplesOnBackend {
  return {
    users: tf.tensor1d(triples.user, 'int32'),
    items: tf.tensor1d(triples.item, 'int32'),
    ratings: tf.tensor1d(triples.rating, 'float32'),
    count: triples.rating.length,
  };
}

function disposeTriples(data: TriplesOnBackend): void {
  data.users.dispose();
  data.items.dispose();
  data.ratings.dispose();
}
