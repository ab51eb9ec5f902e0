import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { LfmModel } from '../model/lfm_model';
import { useCpuBackend } from '../model/test_support';
import { predictRating, recommendTopN } from './top_n';

beforeAll(useCpuBackend);

/**
 * Two users, five items, k = 1, mu = 3. User 0: p = 1, b_u = 0. User 1 is unknown.
 * Items: q = (2, -1, 0, 1, 5), b_i = (0, 0, 1, 0.5, 0); item 4 is unknown.
 * Scores for user 0: 5, 2, 4, 4.5 and mu + b_u = 3 for the unknown item.
 */
function exampleModel(): LfmModel {
  return LfmModel.fromArrays({
    users: 2,
    items: 5,
    k: 1,
    scale: { min: 1, max: 5, step: 1 },
    mu: 3,
    userEmbedding: Float32Array.of(1, 7),
    itemEmbedding: Float32Array.of(2, -1, 0, 1, 5),
    userBias: Float32Array.of(0, 0),
    itemBias: Float32Array.of(0, 0, 1, 0.5, 0),
    knownUsers: Uint8Array.of(1, 0),
    knownItems: Uint8Array.of(1, 1, 1, 1, 0),
  });
}

describe('recommendTopN', () => {
  it('ranks items by predicted rating', async () => {
    const model = exampleModel();

    const result = await recommendTopN(model, 0, 3, new Int32Array(0));

    expect(Array.from(result.items)).toEqual([0, 3, 2]);
    expect(Array.from(result.scores)).toEqual([5, 4.5, 4]);
    model.dispose();
  });

  it('never returns an excluded item', async () => {
    const model = exampleModel();

    const result = await recommendTopN(model, 0, 5, Int32Array.of(0, 3));

    expect(Array.from(result.items)).toEqual([2, 4, 1]);
    model.dispose();
  });

  it('ranks by mu plus item bias for an unknown user', async () => {
    const model = exampleModel();

    const result = await recommendTopN(model, 1, 5, new Int32Array(0));

    expect(Array.from(result.items)).toEqual([2, 3, 0, 1, 4]);
    expect(Array.from(result.scores)).toEqual([4, 3.5, 3, 3, 3]);
    model.dispose();
  });

  it('clips scores but ranks by the unclipped value', async () => {
    const arrays = await exampleModel().toArrays();
    arrays.itemBias = Float32Array.of(4, 5, 0, 0, 0);
    const model = LfmModel.fromArrays(arrays);

    const result = await recommendTopN(model, 0, 2, new Int32Array(0));

    // Unclipped: item 0 = 3 + 4 + 2 = 9, item 1 = 3 + 5 - 1 = 7.
    expect(Array.from(result.items)).toEqual([0, 1]);
    expect(Array.from(result.scores)).toEqual([5, 5]);
    model.dispose();
  });

  it('returns fewer items when most are excluded', async () => {
    const model = exampleModel();

    const result = await recommendTopN(model, 0, 10, Int32Array.of(0, 1, 2, 3));

    expect(Array.from(result.items)).toEqual([4]);
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    const model = exampleModel();
    const before = tf.memory().numTensors;

    await recommendTopN(model, 0, 3, Int32Array.of(1));

    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it.each([
    ['a user outside the table', 2, 3, new Int32Array(0), 'unknown-user'],
    ['a negative count', 0, -1, new Int32Array(0), 'invalid-format'],
    ['an excluded item outside the table', 0, 3, Int32Array.of(5), 'invalid-format'],
  ])('rejects %s', async (_, user, count, excluded, code) => {
    const model = exampleModel();

    await expect(recommendTopN(model, user, count, excluded)).rejects.toMatchObject({ code });
    model.dispose();
  });
});

describe('predictRating', () => {
  it('predicts one clipped pair with the fallback rule', async () => {
    const model = exampleModel();

    expect(await predictRating(model, 0, 3)).toBeCloseTo(4.5, 6);
    expect(await predictRating(model, 1, 2)).toBeCloseTo(4, 6);
    model.dispose();
  });
});
