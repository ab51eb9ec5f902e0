import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../model/config';
import { LfmModel } from '../model/lfm_model';
import { lowRankRatings, triples, useCpuBackend } from '../model/test_support';
import { averageModels } from './average_models';
import { trainFinalModel } from './final_training';

beforeAll(useCpuBackend);

const INFO = { users: 12, items: 10, scale: { min: 1, max: 5, step: 1 } };
const CONFIG: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, k: 4, epochs: 9, batchSize: 16, seed: 3 };

function splitForTest() {
  const { train, validation } = lowRankRatings(12, 10, 5);
  const test = triples([
    [0, 1, 4],
    [1, 2, 5],
    [2, 3, 2],
  ]);
  return {
    train,
    validation,
    test,
    unknown: { validation: { users: 0, items: 0 }, test: { users: 0, items: 0 } },
  };
}

describe('trainFinalModel', () => {
  it('trains the given epoch count without early stopping', async () => {
    const run = await trainFinalModel(splitForTest(), INFO, CONFIG, 3);

    expect(run.history.map((metrics) => metrics.epoch)).toEqual([1, 2, 3]);
    expect(run.config.epochs).toBe(3);
    expect(run.config.patience).toBe(0);
    expect(run.report.bestEpoch).toBe(3);
    expect(run.report.ranking?.users).toBe(2);
    run.model.dispose();
  });

  it('averages members into one wider model', async () => {
    const run = await trainFinalModel(splitForTest(), INFO, CONFIG, 2, {}, 3);

    expect(run.members).toBe(3);
    expect(run.model.k).toBe(12);
    expect(run.history).toHaveLength(2);
    run.model.dispose();
  });

  it('frees every member model', async () => {
    const before = tf.memory().numTensors;

    const run = await trainFinalModel(splitForTest(), INFO, CONFIG, 2, {}, 2);
    run.model.dispose();

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects zero members', async () => {
    await expect(trainFinalModel(splitForTest(), INFO, CONFIG, 2, {}, 0)).rejects.toMatchObject({
      code: 'invalid-config',
    });
  });
});

describe('averageModels', () => {
  it('predicts the mean of the members', async () => {
    const member = (p: number, q: number, bias: number) =>
      LfmModel.fromArrays({
        users: 1,
        items: 1,
        k: 1,
        scale: { min: -100, max: 100, step: 1 },
        mu: 3,
        userEmbedding: Float32Array.of(p),
        itemEmbedding: Float32Array.of(q),
        userBias: Float32Array.of(bias),
        itemBias: Float32Array.of(0),
        knownUsers: Uint8Array.of(1),
        knownItems: Uint8Array.of(1),
      });
    // Predictions: 3 + 1 + 2*3 = 10 and 3 - 1 + 4*(-1) = -2; mean 4.
    const first = member(2, 3, 1);
    const second = member(4, -1, -1);

    const average = await averageModels([first, second]);
    const [predicted] = await average.predict(Int32Array.of(0), Int32Array.of(0));

    expect(predicted).toBeCloseTo(4, 5);
    expect(average.k).toBe(2);
    for (const model of [first, second, average]) model.dispose();
  });
});
