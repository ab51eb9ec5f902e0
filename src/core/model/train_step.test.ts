import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { LfmModel } from './lfm_model';
import { triples, useCpuBackend } from './test_support';
import { AdamTrainStep } from './train_step';

beforeAll(useCpuBackend);

const info = { users: 2, items: 2, scale: { min: 1, max: 5, step: 1 } };

describe('AdamTrainStep', () => {
  it('moves each parameter by the learning rate on the first step', async () => {
    // Ratings (0,0)=5 and (1,1)=1, so mu = 3. With the embeddings set to 0 and biases 0,
    // r̂ = 3 for both, e = (2, -2), and with lambda = 0 the gradients are
    //   dL/db_u = dL/db_i = (2/2)(-e) = (-2, 2); every embedding gradient is 0.
    // Adam's first bias-corrected step is lr * g / (|g| + eps) = lr * sign(g), so the
    // biases move to (+0.01, -0.01) and the embeddings stay at 0.
    const train = triples([
      [0, 0, 5],
      [1, 1, 1],
    ]);
    const model = LfmModel.initialize(train, info, { k: 2, initStd: 0, seed: 1 });
    const step = new AdamTrainStep(model, 0.01, 0);
    const batch = {
      users: tf.tensor1d(train.user, 'int32'),
      items: tf.tensor1d(train.item, 'int32'),
      ratings: tf.tensor1d(train.rating),
    };

    const sums = step.run(batch);

    // Sums before the update: squared error 4 + 4, absolute error 2 + 2, L2 0.
    expect(Array.from(await sums.data())).toEqual([8, 4, 0]);
    const userBias = await model.userBias.data();
    expect(userBias[0]).toBeCloseTo(0.01, 6);
    expect(userBias[1]).toBeCloseTo(-0.01, 6);
    const itemBias = await model.itemBias.data();
    expect(itemBias[0]).toBeCloseTo(0.01, 6);
    expect(itemBias[1]).toBeCloseTo(-0.01, 6);
    for (const value of await model.userEmbedding.data()) expect(Math.abs(value)).toBe(0);
    tf.dispose([sums, batch]);
    step.dispose();
    model.dispose();
  });

  it('frees its moments on dispose', () => {
    const train = triples([[0, 0, 4]]);
    const model = LfmModel.initialize(train, info, { k: 2, initStd: 0.1, seed: 1 });
    const before = tf.memory().numTensors;
    const step = new AdamTrainStep(model, 0.01, 0.1);
    const batch = {
      users: tf.tensor1d([0], 'int32'),
      items: tf.tensor1d([0], 'int32'),
      ratings: tf.tensor1d([4]),
    };

    step.run(batch).dispose();
    step.dispose();
    tf.dispose(batch);

    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
