import * as tf from '@tensorflow/tfjs-core';

import type { ModelWeights } from './lfm_model';

/** One mini-batch B on the backend: int32 user and item indices, float32 ratings. */
export interface BatchTensors {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  ratings: tf.Tensor1D;
}

/** The objective's gradients and the batch sums the trainer accumulates. */
export interface BatchGradients {
  /** Dense gradients of L with respect to each parameter table. */
  gradients: ModelWeights;
  /** Sum over the batch of (r_ui - r̂_ui)². */
  squaredErrorSum: tf.Scalar;
  /** Sum over the batch of |r_ui - r̂_ui|. */
  absoluteErrorSum: tf.Scalar;
  /** Sum over the batch of lambda (|p_u|² + |q_i|²) + lambda_b (b_u² + b_i²). */
  l2Sum: tf.Scalar;
}

/**
 * Evaluates the batch objective
 *   L = (1/|B|) sum over (u,i) in B of
 *       [(r_ui - r̂_ui)² + lambda (|p_u|² + |q_i|²) + lambda_b (b_u² + b_i²)]
 * with r̂_ui = mu + b_u + b_i + p_u · q_i, unclipped. `biasLambda` (lambda_b) defaults to
 * `lambda`. Written with plain ops so that `tf.grad` can differentiate it; the trainer
 * uses `computeBatchGradients` instead.
 */
export function batchObjective(
  weights: ModelWeights,
  mu: number,
  batch: BatchTensors,
  lambda: number,
  biasLambda = lambda,
): tf.Scalar {
  return tf.tidy(() => {
    const rows = gatherRows(weights, batch);
    const error = tf.sub(batch.ratings, predictRows(rows, mu));
    const perRating = tf.add(tf.square(error), l2Terms(rows, lambda, biasLambda));
    return tf.mean(perRating) as tf.Scalar;
  });
}

/**
 * Computes the gradients of `batchObjective` by hand, with e = r_ui - r̂_ui and n = |B|:
 *   dL/dp_u = (2/n) sum over the batch's ratings by u of (lambda p_u - e q_i)
 *   dL/dq_i = (2/n) sum over the batch's ratings of i of (lambda q_i - e p_u)
 *   dL/db_u = (2/n) sum over the batch's ratings by u of (lambda_b b_u - e)
 *   dL/db_i = (2/n) sum over the batch's ratings of i of (lambda_b b_i - e)
 * Each rating's row is scattered into a dense table with `tf.scatterND`, which adds
 * rows that share an index. TF.js differentiates `tf.gather` through
 * UnsortedSegmentSum, which the WASM backend lacks and the CPU backend runs slowly.
 */
export function computeBatchGradients(
  weights: ModelWeights,
  mu: number,
  batch: BatchTensors,
  lambda: number,
  biasLambda = lambda,
): BatchGradients {
  const [
    userEmbedding,
    itemEmbedding,
    userBias,
    itemBias,
    squaredErrorSum,
    absoluteErrorSum,
    l2Sum,
  ] = tf.tidy(() => gradientTensors(weights, mu, batch, lambda, biasLambda));
  return {
    gradients: {
      userEmbedding: userEmbedding as tf.Tensor2D,
      itemEmbedding: itemEmbedding as tf.Tensor2D,
      userBias: userBias as tf.Tensor1D,
      itemBias: itemBias as tf.Tensor1D,
    },
    squaredErrorSum: squaredErrorSum as tf.Scalar,
    absoluteErrorSum: absoluteErrorSum as tf.Scalar,
    l2Sum: l2Sum as tf.Scalar,
  };
}

/** The four gradient tables, then the squared error, absolute error and L2 sums. */
function gradientTensors(
  weights: ModelWeights,
  mu: number,
  batch: BatchTensors,
  lambda: number,
  biasLambda: number,
): tf.Tensor[] {
  const size = batch.ratings.shape[0];
  const users = weights.userEmbedding.shape[0];
  const items = weights.itemEmbedding.shape[0];
  const k = weights.userEmbedding.shape[1];

  const rows = gatherRows(weights, batch);
  const error = tf.sub(batch.ratings, predictRows(rows, mu));
  const scale = 2 / size;

  // Per-rating gradient rows, shapes [n, k] and [n].
  const errorColumn = tf.expandDims(error, 1);
  const userRows = tf.mul(scale, tf.sub(tf.mul(lambda, rows.p), tf.mul(errorColumn, rows.q)));
  const itemRows = tf.mul(scale, tf.sub(tf.mul(lambda, rows.q), tf.mul(errorColumn, rows.p)));
  const userBiasRows = tf.mul(scale, tf.sub(tf.mul(biasLambda, rows.bu), error));
  const itemBiasRows = tf.mul(scale, tf.sub(tf.mul(biasLambda, rows.bi), error));

  const userIndex = tf.expandDims(batch.users, 1);
  const itemIndex = tf.expandDims(batch.items, 1);
  return [
    tf.scatterND(userIndex, userRows, [users, k]),
    tf.scatterND(itemIndex, itemRows, [items, k]),
    tf.scatterND(userIndex, userBiasRows, [users]),
    tf.scatterND(itemIndex, itemBiasRows, [items]),
    tf.sum(tf.square(error)),
    tf.sum(tf.abs(error)),
    tf.sum(l2Terms(rows, lambda, biasLambda)),
  ];
}

interface GatheredRows {
  p: tf.Tensor2D;
  q: tf.Tensor2D;
  bu: tf.Tensor1D;
  bi: tf.Tensor1D;
}

function gatherRows(weights: ModelWeights, batch: BatchTensors): GatheredRows {
  return {
    p: tf.gather(weights.userEmbedding, batch.users),
    q: tf.gather(weights.itemEmbedding, batch.items),
    bu: tf.gather(weights.userBias, batch.users),
    bi: tf.gather(weights.itemBias, batch.items),
  };
}

function predictRows(rows: GatheredRows, mu: number): tf.Tensor1D {
  return tf.addN([tf.add(mu, rows.bu), rows.bi, tf.sum(tf.mul(rows.p, rows.q), 1)]) as tf.Tensor1D;
}

/** lambda (|p_u|² + |q_i|²) + lambda_b (b_u² + b_i²) per rating, shape [n]. */
function l2Terms(rows: GatheredRows, lambda: number, biasLambda: number): tf.Tensor1D {
  const embeddingNorms = tf.add(tf.sum(tf.square(rows.p), 1), tf.sum(tf.square(rows.q), 1));
  const biasNorms = tf.add(tf.square(rows.bu), tf.square(rows.bi));
  return tf.add(tf.mul(lambda, embeddingNorms), tf.mul(biasLambda, biasNorms)) as tf.Tensor1D;
}
