import * as tf from '@tensorflow/tfjs-core';

import { randomPermutation } from '../data/random';
import { LfmError } from '../errors';
import { nextMacrotask } from './event_loop';
import {
  FUSED_SGD_BACKENDS,
  FUSED_SGD_KERNEL,
  registerFusedSgdKernels,
} from './kernels/fused_sgd_kernel';
import { registerFusedSgdWebGpuKernel } from './kernels/fused_sgd_webgpu';
import { simdSgdAvailable } from './kernels/sgd_simd';
import type { LfmModel } from './lfm_model';

/** One pass over the training ratings, as the trainer drives it. */
export interface EpochRunner {
  /** Sets the step size of the following updates. */
  setLearningRate(learningRate: number): void;
  /**
   * Runs one epoch in the order `random` shuffles; returns [squared error, absolute error, L2]
   * sums over the epoch's ratings, each taken before that rating's update, shape [3].
   */
  runEpoch(random: () => number): Promise<tf.Tensor1D>;
  /** Frees what the runner holds; the model and the ratings stay with the caller. */
  dispose(): void;
}

/** The training ratings uploaded to the backend: int32 indices and float32 ratings. */
export interface RatingTensors {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  ratings: tf.Tensor1D;
  count: number;
}

/** Fewest ratings one kernel call visits (unless the epoch has fewer). */
const MIN_RATINGS_PER_CALL = 1 << 18;
/**
 * Ratings per call for each row of the two tables. Each call copies the tables a few times.
 * That costs about as much as one rating's update per row in plain JavaScript, and about 8 in
 * SIMD. These values keep the copies near 1/4 of the per-rating work or less. A call on
 * ML-1M-sized data still stays under about 100 ms, so the worker handles a Stop request
 * within an epoch.
 */
const RATINGS_PER_TABLE_ROW = 4;
const RATINGS_PER_TABLE_ROW_SIMD = 32;
/**
 * Consecutive positions the kernel visits in storage order. The trainer stores the ratings in
 * a random order once, and each epoch shuffles these runs instead of single ratings. So the
 * kernel reads the rating arrays in runs of 4,096 rather than at random, which halves the time
 * per epoch of the SIMD pass on ML-1M-sized data. The order of ratings within a run repeats
 * between epochs, as in LIBMF's block scheduling.
 */
export const SHUFFLE_RUN = 4096;

/**
 * Returns a permutation of 0..count-1 made of runs of `run` consecutive integers (the last run
 * may be shorter), with the runs in a random order.
 */
export function runPermutation(count: number, run: number, random: () => number): Int32Array {
  const runs = randomPermutation(Math.ceil(count / run), random);
  const order = new Int32Array(count);
  let position = 0;
  for (const runIndex of runs) {
    const first = runIndex * run;
    const end = Math.min(count, first + run);
    for (let index = first; index < end; index++) order[position++] = index;
  }
  return order;
}

/**
 * Throws `invalid-config` when the fused SGD path has no kernel on the active backend; call it
 * before creating anything that would need disposing.
 */
export function checkFusedSgdBackend(): void {
  const backend = tf.getBackend();
  if (!FUSED_SGD_BACKENDS.includes(backend)) {
    throw new LfmError(
      'invalid-config',
      `Training config: trainingPath fused-sgd runs on the ${FUSED_SGD_BACKENDS.join(', ')} backends, got ${backend}. ` +
        'Choose the WASM, WebGPU or CPU backend, or the Adam training path.',
      { value: backend },
    );
  }
}

/**
 * Per-rating SGD through the fused `LfmFusedSgd` kernel: each epoch visits the ratings in a
 * new seeded order of runs (see `SHUFFLE_RUN`), in calls of a few hundred thousand ratings or
 * more, with a yield to the event loop between calls. After each call the model's variables
 * take the kernel's updated tables.
 */
export class FusedSgdEpochRunner implements EpochRunner {
  private learningRate: number;
  private readonly ratingsPerCall: number;

  constructor(
    private readonly model: LfmModel,
    private readonly data: RatingTensors,
    learningRate: number,
    private readonly lambda: number,
    private readonly biasLambda: number,
  ) {
    checkFusedSgdBackend();
    registerFusedSgdKernels();
    registerFusedSgdWebGpuKernel();
    this.learningRate = learningRate;
    const tableRows = model.info.users + model.info.items;
    const perRow = simdSgdAvailable(model.k) ? RATINGS_PER_TABLE_ROW_SIMD : RATINGS_PER_TABLE_ROW;
    this.ratingsPerCall = Math.max(MIN_RATINGS_PER_CALL, perRow * tableRows);
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  async runEpoch(random: () => number): Promise<tf.Tensor1D> {
    const { count } = this.data;
    const order = tf.tensor1d(runPermutation(count, SHUFFLE_RUN, random), 'int32');
    let totals: tf.Tensor1D = tf.zeros([3]);

    try {
      for (let start = 0; start < count; start += this.ratingsPerCall) {
        const end = Math.min(count, start + this.ratingsPerCall);
        const sums = this.runCall(order, start, end);
        const previous = totals;
        totals = tf.add(previous, sums);
        previous.dispose();
        sums.dispose();
        if (end < count) await nextMacrotask();
      }
    } catch (error) {
      totals.dispose();
      throw error;
    } finally {
      order.dispose();
    }
    return totals;
  }

  dispose(): void {
    // The runner keeps no tensors between epochs.
  }

  /** Runs the kernel over order[start, end) and moves the updated tables into the variables. */
  private runCall(order: tf.Tensor1D, start: number, end: number): tf.Tensor1D {
    const variables = this.model.variables();
    const outputs = tf.engine().runKernel<tf.Tensor[]>(
      FUSED_SGD_KERNEL,
      {
        userEmbedding: variables.userEmbedding,
        itemEmbedding: variables.itemEmbedding,
        userBias: variables.userBias,
        itemBias: variables.itemBias,
        users: this.data.users,
        items: this.data.items,
        ratings: this.data.ratings,
        order,
      },
      {
        start,
        end,
        learningRate: this.learningRate,
        lambda: this.lambda,
        biasLambda: this.biasLambda,
        mu: this.model.mu,
      },
    );
    const [userEmbedding, itemEmbedding, userBias, itemBias, sums] = outputs as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      tf.Tensor1D,
      tf.Tensor1D,
    ];

    // `assign` makes the variable share the output's buffer, so the outputs can be disposed.
    variables.userEmbedding.assign(userEmbedding);
    variables.itemEmbedding.assign(itemEmbedding);
    variables.userBias.assign(userBias);
    variables.itemBias.assign(itemBias);
    for (const table of [userEmbedding, itemEmbedding, userBias, itemBias]) table.dispose();
    return sums;
  }
}
