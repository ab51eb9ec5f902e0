import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { useCpuBackend } from '../test_support';
import { FUSED_SGD_KERNEL, registerFusedSgdKernels } from './fused_sgd_kernel';
import { sgdPass, type SgdSettings } from './sgd_pass';

beforeAll(useCpuBackend);

/** Two users, two items, k 2, and one rating: user 1 gave item 0 four stars. */
function example() {
  return {
    tables: {
      userEmbedding: Float32Array.from([0.1, 0.2, 0.3, 0.4]),
      itemEmbedding: Float32Array.from([0.5, -0.1, 0.2, 0.3]),
      userBias: Float32Array.from([0.1, -0.2]),
      itemBias: Float32Array.from([0.05, 0]),
      k: 2,
    },
    data: {
      users: Int32Array.from([1]),
      items: Int32Array.from([0]),
      ratings: Float32Array.from([4]),
      order: Int32Array.from([0]),
      start: 0,
      end: 1,
    },
  };
}

const settings: SgdSettings = { learningRate: 0.1, lambda: 0.5, biasLambda: 0.2, mu: 3 };

// By hand: p_1 = (0.3, 0.4), q_0 = (0.5, -0.1), so p_1 · q_0 = 0.11,
// r̂ = 3 - 0.2 + 0.05 + 0.11 = 2.96 and e = 1.04.
const expected = {
  userEmbedding: [
    0.1,
    0.2,
    0.3 + 0.1 * (1.04 * 0.5 - 0.5 * 0.3),
    0.4 + 0.1 * (1.04 * -0.1 - 0.5 * 0.4),
  ],
  itemEmbedding: [
    0.5 + 0.1 * (1.04 * 0.3 - 0.5 * 0.5),
    -0.1 + 0.1 * (1.04 * 0.4 + 0.5 * 0.1),
    0.2,
    0.3,
  ],
  userBias: [0.1, -0.2 + 0.1 * (1.04 + 0.2 * 0.2)],
  itemBias: [0.05 + 0.1 * (1.04 - 0.2 * 0.05), 0],
  // e², |e|, and 0.5 (|p_1|² + |q_0|²) + 0.2 (b_1² + b_0²) before the step.
  sums: [1.04 * 1.04, 1.04, 0.5 * (0.25 + 0.26) + 0.2 * (0.04 + 0.0025)],
};

function expectClose(actual: ArrayLike<number>, expectedValues: number[]): void {
  expect(actual.length).toBe(expectedValues.length);
  expectedValues.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, 6));
}

describe('sgdPass', () => {
  it('takes one hand-computed step on a 2x2 example', () => {
    const { tables, data } = example();

    const sums = sgdPass(tables, data, settings);

    expectClose(tables.userEmbedding, expected.userEmbedding);
    expectClose(tables.itemEmbedding, expected.itemEmbedding);
    expectClose(tables.userBias, expected.userBias);
    expectClose(tables.itemBias, expected.itemBias);
    expectClose([sums.squaredError, sums.absoluteError, sums.l2], expected.sums);
  });

  it('visits only the given slice of the order', () => {
    const { tables, data } = example();

    const sums = sgdPass(tables, { ...data, start: 1, end: 1 }, settings);

    expect(sums.squaredError).toBe(0);
    expectClose(tables.userBias, [0.1, -0.2]);
  });
});

describe('LfmFusedSgd kernel on the cpu backend', () => {
  it('returns the updated tables and leaves its inputs unchanged', async () => {
    registerFusedSgdKernels();
    const { tables, data } = example();
    const before = tf.memory().numTensors;
    const inputs = {
      userEmbedding: tf.tensor2d(tables.userEmbedding, [2, 2]),
      itemEmbedding: tf.tensor2d(tables.itemEmbedding, [2, 2]),
      userBias: tf.tensor1d(tables.userBias),
      itemBias: tf.tensor1d(tables.itemBias),
      users: tf.tensor1d(data.users, 'int32'),
      items: tf.tensor1d(data.items, 'int32'),
      ratings: tf.tensor1d(data.ratings),
      order: tf.tensor1d(data.order, 'int32'),
    };

    const outputs = tf.engine().runKernel<tf.Tensor[]>(FUSED_SGD_KERNEL, inputs, {
      start: 0,
      end: 1,
      ...settings,
    });

    expect(outputs.map((output) => output.shape)).toEqual([[2, 2], [2, 2], [2], [2], [3]]);
    const values = await Promise.all(outputs.map((output) => output.data()));
    expectClose(values[0] as Float32Array, expected.userEmbedding);
    expectClose(values[1] as Float32Array, expected.itemEmbedding);
    expectClose(values[2] as Float32Array, expected.userBias);
    expectClose(values[3] as Float32Array, expected.itemBias);
    expectClose(values[4] as Float32Array, expected.sums);
    expectClose(await inputs.userEmbedding.data(), [0.1, 0.2, 0.3, 0.4]);
    expectClose(await inputs.userBias.data(), [0.1, -0.2]);

    tf.dispose([...outputs, ...Object.values(inputs)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
