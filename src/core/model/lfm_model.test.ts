import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { LfmModel, type ModelArrays } from './lfm_model';
import { triples, useCpuBackend } from './test_support';

beforeAll(useCpuBackend);

const scale = { min: 1, max: 5, step: 1 };

/**
 * Three users and three items, k = 1. User 2 and item 2 have no training rating.
 * mu = 3, b = (1, -1, 0) for users and (0.5, 2, 0) for items, p = (1, 2, 9), q = (1, -1, 9).
 */
function exampleArrays(): ModelArrays {
  return {
    users: 3,
    items: 3,
    k: 1,
    scale,
    mu: 3,
    userEmbedding: Float32Array.of(1, 2, 9),
    itemEmbedding: Float32Array.of(1, -1, 9),
    userBias: Float32Array.of(1, -1, 0),
    itemBias: Float32Array.of(0.5, 2, 0),
    knownUsers: Uint8Array.of(1, 1, 0),
    knownItems: Uint8Array.of(1, 1, 0),
  };
}

describe('LfmModel.initialize', () => {
  it('sets mu to the mean training rating', () => {
    const train = triples([
      [0, 0, 4],
      [1, 1, 2],
      [1, 0, 3],
    ]);
    const model = LfmModel.initialize(
      train,
      { users: 2, items: 2, scale },
      { k: 4, initStd: 0.1, seed: 1 },
    );

    expect(model.mu).toBeCloseTo(3, 6);
    model.dispose();
  });

  it('starts biases at zero and embeddings within two std', async () => {
    const train = triples([[0, 0, 4]]);
    const model = LfmModel.initialize(
      train,
      { users: 20, items: 30, scale },
      { k: 8, initStd: 0.1, seed: 1 },
    );

    expect(model.userEmbedding.shape).toEqual([20, 8]);
    expect(model.itemEmbedding.shape).toEqual([30, 8]);
    expect(Array.from(await model.userBias.data()).every((value) => value === 0)).toBe(true);
    const embedding = await model.userEmbedding.data();
    expect(embedding.every((value) => Math.abs(value) <= 0.2 + 1e-7)).toBe(true);
    expect(embedding.some((value) => value !== 0)).toBe(true);
    model.dispose();
  });

  it('is reproducible for a seed', async () => {
    const train = triples([[0, 0, 4]]);
    const settings = { k: 3, initStd: 0.1, seed: 9 };
    const first = LfmModel.initialize(train, { users: 4, items: 4, scale }, settings);
    const second = LfmModel.initialize(train, { users: 4, items: 4, scale }, settings);

    expect(Array.from(await first.itemEmbedding.data())).toEqual(
      Array.from(await second.itemEmbedding.data()),
    );
    first.dispose();
    second.dispose();
  });

  it('marks users and items with training ratings as known', () => {
    const train = triples([
      [0, 2, 4],
      [2, 2, 5],
    ]);
    const model = LfmModel.initialize(
      train,
      { users: 3, items: 3, scale },
      { k: 2, initStd: 0.1, seed: 1 },
    );

    expect(Array.from(model.knownUsers)).toEqual([1, 0, 1]);
    expect(Array.from(model.knownItems)).toEqual([0, 0, 1]);
    model.dispose();
  });

  it.each([
    ['an empty training set', triples([]), 'no-ratings'],
    ['a user outside the table', triples([[5, 0, 3]]), 'invalid-format'],
    ['a negative item', triples([[0, -1, 3]]), 'invalid-format'],
  ])('rejects %s', (_, train, code) => {
    expect(() =>
      LfmModel.initialize(train, { users: 2, items: 2, scale }, { k: 2, initStd: 0.1, seed: 1 }),
    ).toThrow(expect.objectContaining({ code }));
  });
});

describe('LfmModel.predict', () => {
  it('adds mu, both biases and the dot product for known pairs', async () => {
    const model = LfmModel.fromArrays(exampleArrays());

    const predicted = await model.predict(Int32Array.of(0, 1, 0), Int32Array.of(0, 0, 1));

    // (0,0): 3 + 1 + 0.5 + 1*1 = 5.5, clipped to 5. (1,0): 3 - 1 + 0.5 + 2*1 = 4.5.
    // (0,1): 3 + 1 + 2 + 1*(-1) = 5.
    expect(Array.from(predicted)).toEqual([5, 4.5, 5]);
    model.dispose();
  });

  it('clips to the rating scale', async () => {
    const arrays = exampleArrays();
    arrays.userBias = Float32Array.of(-10, 10, 0);
    const model = LfmModel.fromArrays(arrays);

    const predicted = await model.predict(Int32Array.of(0, 1), Int32Array.of(0, 0));

    expect(Array.from(predicted)).toEqual([1, 5]);
    model.dispose();
  });

  it('falls back to mu plus the known bias', async () => {
    const model = LfmModel.fromArrays(exampleArrays());

    const predicted = await model.predict(Int32Array.of(2, 1, 2), Int32Array.of(1, 2, 2));

    // Unknown user 2 with item 1: 3 + 2 = 5. User 1 with unknown item 2: 3 - 1 = 2.
    // Both unknown: mu = 3. The embeddings of unknown ids (9) never enter.
    expect(Array.from(predicted)).toEqual([5, 2, 3]);
    model.dispose();
  });

  it('rejects an index outside the tables', async () => {
    const model = LfmModel.fromArrays(exampleArrays());

    await expect(model.predict(Int32Array.of(3), Int32Array.of(0))).rejects.toMatchObject({
      code: 'invalid-format',
    });
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    const model = LfmModel.fromArrays(exampleArrays());
    const before = tf.memory().numTensors;

    await model.predict(Int32Array.of(0, 1, 2), Int32Array.of(2, 1, 0));

    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('LfmModel arrays', () => {
  it('round-trips through toArrays and fromArrays', async () => {
    const model = LfmModel.fromArrays(exampleArrays());

    const arrays = await model.toArrays();

    expect(arrays).toEqual(exampleArrays());
    model.dispose();
  });

  it('rejects arrays of the wrong length', () => {
    const arrays = exampleArrays();
    arrays.itemBias = Float32Array.of(1, 2);

    expect(() => LfmModel.fromArrays(arrays)).toThrow(
      expect.objectContaining({ code: 'invalid-model-file' }),
    );
  });

  it('restores a snapshot', async () => {
    const model = LfmModel.fromArrays(exampleArrays());
    const snapshot = model.snapshot();

    model.userBias.assign(tf.tensor1d([0, 0, 0]));
    model.restore(snapshot);

    expect(Array.from(await model.userBias.data())).toEqual([1, -1, 0]);
    tf.dispose(Object.values(snapshot));
    model.dispose();
  });

  it('frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const model = LfmModel.fromArrays(exampleArrays());

    model.dispose();

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects use after dispose', async () => {
    const model = LfmModel.fromArrays(exampleArrays());
    model.dispose();

    await expect(model.predict(Int32Array.of(0), Int32Array.of(0))).rejects.toMatchObject({
      code: 'not-trained',
    });
  });
});
