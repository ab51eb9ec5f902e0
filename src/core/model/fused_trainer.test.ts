import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from './config';
import { lowRankRatings, useCpuBackend } from './test_support';
import { trainModel, type EpochMetrics } from './trainer';

beforeAll(useCpuBackend);

const scale = { min: 1, max: 5, step: 1 };
const info = { users: 30, items: 24, scale };
const { train, validation } = lowRankRatings(info.users, info.items, 5);

const adam: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  k: 4,
  epochs: 30,
  learningRate: 0.05,
  learningRateDecay: 1,
  l2: 0.01,
  batchSize: 64,
  patience: 0,
  seed: 3,
  initStd: 0.1,
};
const fusedSgd: TrainConfig = { ...adam, trainingPath: 'fused-sgd', sgdLearningRate: 0.05 };

function bestRmse(history: EpochMetrics[], bestEpoch: number): number {
  return (history[bestEpoch - 1] as EpochMetrics).valRmse;
}

describe('trainModel with the fused SGD path', () => {
  it('reduces the loss like the Adam path', async () => {
    const adamResult = await trainModel(train, validation, info, adam);
    const sgdResult = await trainModel(train, validation, info, fusedSgd);
    const adamRmse = bestRmse(adamResult.history, adamResult.bestEpoch);
    const sgdRmse = bestRmse(sgdResult.history, sgdResult.bestEpoch);

    const first = sgdResult.history[0] as EpochMetrics;
    const last = sgdResult.history.at(-1) as EpochMetrics;
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
    expect(sgdRmse).toBeLessThan(first.valRmse);
    // Both paths minimise the same objective; on this data both end near the noise floor.
    expect(sgdRmse).toBeLessThan(0.8);
    expect(Math.abs(sgdRmse - adamRmse)).toBeLessThan(0.05);
    adamResult.model.dispose();
    sgdResult.model.dispose();
  });

  it('repeats a run exactly with the same seed', async () => {
    const first = await trainModel(train, validation, info, { ...fusedSgd, epochs: 3 });
    const second = await trainModel(train, validation, info, { ...fusedSgd, epochs: 3 });

    expect(second.history.map((entry) => entry.valRmse)).toEqual(
      first.history.map((entry) => entry.valRmse),
    );
    first.model.dispose();
    second.model.dispose();
  });

  it('keeps the tensor count flat across epochs', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];

    const result = await trainModel(
      train,
      validation,
      info,
      { ...fusedSgd, epochs: 6 },
      {
        onEpoch: () => counts.push(tf.memory().numTensors),
      },
    );

    expect(counts).toHaveLength(6);
    expect(new Set(counts.slice(1)).size).toBe(1);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('validateTrainConfig', () => {
  it('rejects an unknown training path', () => {
    const config = { ...adam, trainingPath: 'sgd' } as unknown as TrainConfig;

    expect(() => validateTrainConfig(config)).toThrow(
      /trainingPath must be one of adam, fused-sgd/,
    );
  });

  it('rejects an SGD learning rate above 1', () => {
    expect(() => validateTrainConfig({ ...fusedSgd, sgdLearningRate: 2 })).toThrow(
      /sgdLearningRate must be a number/,
    );
  });
});
