import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';

import { LfmModel } from '../lfm_model';
import { triples, useCpuBackend } from '../test_support';
import { ERROR_SUMS_KERNEL, PREDICT_KERNEL } from './scoring_kernels';

const scale = { min: 1, max: 5, step: 1 };
const info = { users: 6, items: 5, scale };
// User 5 and item 4 have no training rating, so they take the fallback rule.
const train = triples([
  [0, 0, 5],
  [0, 1, 3],
  [1, 2, 4],
  [2, 3, 1],
  [3, 0, 2],
  [4, 1, 5],
  [1, 3, 2],
]);
const scored = {
  users: Int32Array.from([0, 1, 2, 5, 3, 5, 4, 2]),
  items: Int32Array.from([1, 0, 4, 2, 3, 4, 0, 2]),
  ratings: Float32Array.from([4, 1, 5, 3, 2, 4, 5, 1]),
};

/** Predictions through TF.js ops, the reference the kernels must match. */
function predictionsThroughOps(model: LfmModel): Float32Array {
  return tf.tidy(() =>
    model
      .predictTensorWithOps(tf.tensor1d(scored.users, 'int32'), tf.tensor1d(scored.items, 'int32'))
      .dataSync(),
  ) as Float32Array;
}

/** Computes the sums with TF.js ops over `predictTensorWithOps`. */
function sumsThroughOps(model: LfmModel): number[] {
  return tf.tidy(() => {
    const predicted = model.predictTensorWithOps(
      tf.tensor1d(scored.users, 'int32'),
      tf.tensor1d(scored.items, 'int32'),
    );
    const error = tf.sub(tf.tensor1d(scored.ratings), predicted);
    return [tf.sum(tf.square(error)).dataSync()[0], tf.sum(tf.abs(error)).dataSync()[0]];
  }) as number[];
}

async function sumsThroughKernel(model: LfmModel): Promise<Float32Array> {
  const sums = tf.tidy(() =>
    model.errorSumsTensor(
      tf.tensor1d(scored.users, 'int32'),
      tf.tensor1d(scored.items, 'int32'),
      tf.tensor1d(scored.ratings),
    ),
  );
  const values = (await sums.data()) as Float32Array;
  sums.dispose();
  return values;
}

afterAll(useCpuBackend);

describe('LfmPredict kernel', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`matches TF.js ops on ${backend}`, async () => {
      await tf.setBackend(backend);
      await tf.ready();
      const model = LfmModel.initialize(train, info, { k: 8, initStd: 1.5, seed: 11 });

      const expected = predictionsThroughOps(model);
      const before = tf.memory().numTensors;
      const actual = await model.predict(scored.users, scored.items);

      expect(tf.getKernel(PREDICT_KERNEL, backend)).toBeDefined();
      expect(actual).toHaveLength(expected.length);
      actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 5));
      // Clipping: some predictions sit on the scale's ends.
      expect(actual.some((value) => value === 1 || value === 5)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  }
});

describe('LfmErrorSums kernel', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`matches predictTensor on ${backend}, with clipping and unknown rows`, async () => {
      await tf.setBackend(backend);
      await tf.ready();
      // A large init std pushes some predictions past the scale, so clipping matters.
      const model = LfmModel.initialize(train, info, { k: 8, initStd: 1.5, seed: 11 });

      const expected = sumsThroughOps(model);
      const before = tf.memory().numTensors;
      const actual = await sumsThroughKernel(model);

      expect(tf.getKernel(ERROR_SUMS_KERNEL, backend)).toBeDefined();
      expect(actual[0]).toBeCloseTo(expected[0] as number, 4);
      expect(actual[1]).toBeCloseTo(expected[1] as number, 4);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  }
});
