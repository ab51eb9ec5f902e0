import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradient functions by itself; tf.grads needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ModelWeights } from './lfm_model';
import { batchObjective, computeBatchGradients, type BatchTensors } from './objective';
import { createRng, truncatedNormalArray } from '../data/random';
import { useCpuBackend } from './test_support';

/**
 * Three users, three items, k = 2, mu = 3, lambda = 0.1, and a batch of four ratings in
 * which user 0 and item 1 appear twice:
 *   pair    p_u     q_i      b_u   b_i  r   r̂                       e = r - r̂
 *   (0,0)   (1,0)   (1,0)    0.5   0    5   3 + 0.5 + 0   + 1 = 4.5   0.5
 *   (0,1)   (1,0)   (0,2)    0.5   0.5  3   3 + 0.5 + 0.5 + 0 = 4.0  -1
 *   (2,2)   (1,1)   (1,-1)  -0.5   1    2   3 - 0.5 + 1   + 0 = 3.5  -1.5
 *   (1,1)   (0,1)   (0,2)    0     0.5  4   3 + 0   + 0.5 + 2 = 5.5  -1.5
 * Squared norms |p_u|² + |q_i|² + b_u² + b_i² per rating: 2.25, 5.5, 5.25, 5.25 (sum 18.25).
 */
function exampleWeights(): ModelWeights {
  return {
    userEmbedding: tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
    ]),
    itemEmbedding: tf.tensor2d([
      [1, 0],
      [0, 2],
      [1, -1],
    ]),
    userBias: tf.tensor1d([0.5, 0, -0.5]),
    itemBias: tf.tensor1d([0, 0.5, 1]),
  };
}

function exampleBatch(): BatchTensors {
  return {
    users: tf.tensor1d([0, 0, 2, 1], 'int32'),
    items: tf.tensor1d([0, 1, 2, 1], 'int32'),
    ratings: tf.tensor1d([5, 3, 2, 4]),
  };
}

/** Disposes the given tensors and every tensor in the given objects and arrays. */
function disposeAll(...containers: object[]): void {
  for (const container of containers) {
    if (container instanceof tf.Tensor) container.dispose();
    else tf.dispose(Object.values(container) as tf.Tensor[]);
  }
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, digits));
}

beforeAll(useCpuBackend);

let startTensors = 0;
beforeEach(() => {
  startTensors = tf.memory().numTensors;
});
afterEach(() => {
  tf.disposeVariables();
});

describe('batchObjective', () => {
  it('matches the hand-computed loss', async () => {
    const weights = exampleWeights();
    const batch = exampleBatch();

    const loss = batchObjective(weights, 3, batch, 0.1);

    // Data term (0.25 + 1 + 2.25 + 2.25) / 4 = 1.4375; L2 term 0.1 * 18.25 / 4 = 0.45625.
    expect(await loss.data()).toHaveLength(1);
    expect((await loss.data())[0]).toBeCloseTo(1.89375, 5);
    disposeAll(loss, weights, batch);
  });
});

describe('computeBatchGradients', () => {
  it('matches the hand-computed gradients', async () => {
    const weights = exampleWeights();
    const batch = exampleBatch();

    const result = computeBatchGradients(weights, 3, batch, 0.1);

    // With 2/n = 0.5, e.g. dL/dp_0 = 0.5 [(0.1 p_0 - 0.5 q_0) + (0.1 p_0 + 1 q_1)]
    // = 0.5 [(0.1, 0) - (0.5, 0) + (0.1, 0) + (0, 2)] = (-0.15, 1).
    expectClose(await result.gradients.userEmbedding.data(), [-0.15, 1, 0, 1.55, 0.8, -0.7]);
    // dL/dq_1 = 0.5 [(0.1 q_1 + 1 p_0) + (0.1 q_1 + 1.5 p_1)] = 0.5 (1, 1.9) = (0.5, 0.95).
    expectClose(await result.gradients.itemEmbedding.data(), [-0.2, 0, 0.5, 0.95, 0.8, 0.7]);
    // dL/db_u0 = 0.5 [(0.05 - 0.5) + (0.05 + 1)] = 0.3.
    expectClose(await result.gradients.userBias.data(), [0.3, 0.75, 0.725]);
    // dL/db_i1 = 0.5 [(0.05 + 1) + (0.05 + 1.5)] = 1.3.
    expectClose(await result.gradients.itemBias.data(), [-0.25, 1.3, 0.8]);
    disposeAll(result.gradients, weights, batch);
    disposeAll(result.squaredErrorSum, result.absoluteErrorSum, result.l2Sum);
  });

  it('returns the batch sums', async () => {
    const weights = exampleWeights();
    const batch = exampleBatch();

    const result = computeBatchGradients(weights, 3, batch, 0.1);

    expect((await result.squaredErrorSum.data())[0]).toBeCloseTo(5.75, 5);
    expect((await result.absoluteErrorSum.data())[0]).toBeCloseTo(4.5, 5);
    expect((await result.l2Sum.data())[0]).toBeCloseTo(1.825, 5);
    disposeAll(result.gradients, weights, batch);
    disposeAll(result.squaredErrorSum, result.absoluteErrorSum, result.l2Sum);
  });

  it('agrees with tf.grad of the objective', async () => {
    const random = createRng(11);
    const users = 5;
    const items = 4;
    const k = 3;
    const weights: ModelWeights = {
      userEmbedding: tf.tensor2d(truncatedNormalArray(users * k, 0.5, random), [users, k]),
      itemEmbedding: tf.tensor2d(truncatedNormalArray(items * k, 0.5, random), [items, k]),
      userBias: tf.tensor1d(truncatedNormalArray(users, 0.5, random)),
      itemBias: tf.tensor1d(truncatedNormalArray(items, 0.5, random)),
    };
    // Twelve ratings with repeated users and items, so the scatter must add rows.
    const batch: BatchTensors = {
      users: tf.tensor1d([0, 1, 2, 3, 4, 0, 0, 2, 4, 4, 1, 3], 'int32'),
      items: tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 2, 3, 3, 0, 0], 'int32'),
      ratings: tf.tensor1d([4, 3, 5, 1, 2, 3, 4, 4, 5, 1, 2, 3]),
    };
    const objective = (p: tf.Tensor, q: tf.Tensor, bu: tf.Tensor, bi: tf.Tensor): tf.Scalar =>
      batchObjective(
        {
          userEmbedding: p as tf.Tensor2D,
          itemEmbedding: q as tf.Tensor2D,
          userBias: bu as tf.Tensor1D,
          itemBias: bi as tf.Tensor1D,
        },
        3.2,
        batch,
        0.05,
      );

    const automatic = tf.grads(objective)([
      weights.userEmbedding,
      weights.itemEmbedding,
      weights.userBias,
      weights.itemBias,
    ]);
    const manual = computeBatchGradients(weights, 3.2, batch, 0.05);

    const pairs: [tf.Tensor, tf.Tensor | undefined][] = [
      [manual.gradients.userEmbedding, automatic[0]],
      [manual.gradients.itemEmbedding, automatic[1]],
      [manual.gradients.userBias, automatic[2]],
      [manual.gradients.itemBias, automatic[3]],
    ];
    for (const [hand, reference] of pairs) {
      expect(hand.shape).toEqual(reference?.shape);
      expectClose(await hand.data(), Array.from(await (reference as tf.Tensor).data()));
    }
    disposeAll(manual.gradients, automatic, weights, batch);
    disposeAll(manual.squaredErrorSum, manual.absoluteErrorSum, manual.l2Sum);
  });

  it('leaves no tensors behind', () => {
    const weights = exampleWeights();
    const batch = exampleBatch();
    const before = tf.memory().numTensors;

    const result = computeBatchGradients(weights, 3, batch, 0.1);
    disposeAll(result.gradients, result.squaredErrorSum, result.absoluteErrorSum, result.l2Sum);

    expect(tf.memory().numTensors).toBe(before);
    disposeAll(weights, batch);
    expect(tf.memory().numTensors).toBe(startTensors);
  });

  it('applies a separate bias lambda', async () => {
    const weights = exampleWeights();
    const batch = exampleBatch();

    const result = computeBatchGradients(weights, 3, batch, 0.1, 0);

    // With lambda_b = 0, dL/db_u0 = 0.5 [-0.5 + 1] = 0.25, and the L2 sum drops the bias
    // squares: 0.1 * (18.25 - (0.25 + 0.5 + 1.25 + 0.25)) = 1.6.
    expectClose(await result.gradients.userBias.data(), [0.25, 0.75, 0.75]);
    expect((await result.l2Sum.data())[0]).toBeCloseTo(1.6, 5);
    expectClose(await result.gradients.userEmbedding.data(), [-0.15, 1, 0, 1.55, 0.8, -0.7]);
    disposeAll(result.gradients, weights, batch);
    disposeAll(result.squaredErrorSum, result.absoluteErrorSum, result.l2Sum);
  });
});
