import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { createRng } from '../data/random';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from './config';
import { runPermutation } from './fused_trainer';
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

describe('runPermutation', () => {
  it('shuffles runs of consecutive positions', () => {
    const order = runPermutation(10, 4, createRng(1));

    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const firsts = new Set([0, 4, 8]);
    // The runs [0..3], [4..7] and [8, 9] stay whole; only their order changes.
    let position = 0;
    while (position < order.length) {
      const first = order[position] as number;
      expect(firsts.has(first)).toBe(true);
      const length = first === 8 ? 2 : 4;
      for (let offset = 0; offset < length; offset++) {
        expect(order[position + offset]).toBe(first + offset);
      }
      position += length;
    }
  });

  it('changes the order of runs with the generator state', () => {
    const random = createRng(5);
    const orders = Array.from({ length: 6 }, () => [...runPermutation(40, 4, random)].join());

    expect(new Set(orders).size).toBeGreaterThan(1);
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
