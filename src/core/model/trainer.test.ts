import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from './config';
import { lowRankRatings, triples, useCpuBackend } from './test_support';
import { trainModel, type EpochMetrics, type TrainingCheckpoint } from './trainer';

beforeAll(useCpuBackend);

const scale = { min: 1, max: 5, step: 1 };
const info = { users: 30, items: 24, scale };
const { train, validation } = lowRankRatings(info.users, info.items, 5);

const config: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  k: 4,
  epochs: 10,
  learningRate: 0.05,
  l2: 0.01,
  batchSize: 64,
  patience: 0,
  seed: 3,
};

describe('trainModel', () => {
  it('fits low-rank ratings better than the mean', async () => {
    const result = await trainModel(train, validation, info, { ...config, epochs: 30 });

    const first = result.history[0] as EpochMetrics;
    const best = result.history[result.bestEpoch - 1] as EpochMetrics;
    expect(best.valRmse).toBeLessThan(first.valRmse);
    // The generated ratings have a standard deviation near 1.1; a model that learned
    // nothing scores about that.
    expect(best.valRmse).toBeLessThan(0.8);
    expect(result.reason).toBe('completed');
    result.model.dispose();
  });

  it('reports every metric each epoch', async () => {
    const metrics: EpochMetrics[] = [];

    const result = await trainModel(
      train,
      validation,
      info,
      { ...config, epochs: 3 },
      {
        onEpoch: (epochMetrics) => metrics.push(epochMetrics),
      },
    );

    expect(metrics.map((entry) => entry.epoch)).toEqual([1, 2, 3]);
    for (const entry of metrics) {
      expect(entry.trainLoss).toBeGreaterThan(0);
      expect(entry.l2).toBeGreaterThan(0);
      expect(entry.trainMae).toBeGreaterThan(0);
      expect(entry.valRmse).toBeCloseTo(Math.sqrt(entry.valMse), 10);
      expect(entry.valMae).toBeLessThanOrEqual(entry.valRmse + 1e-9);
      expect(entry.seconds).toBeGreaterThan(0);
    }
    expect(result.history).toEqual(metrics);
    result.model.dispose();
  });

  it('keeps the tensor count flat across epochs', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];

    const result = await trainModel(train, validation, info, config, {
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    result.model.dispose();

    expect(counts).toHaveLength(10);
    expect(counts[9]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats the run for the same seed', async () => {
    const first = await trainModel(train, validation, info, { ...config, epochs: 3 });
    const second = await trainModel(train, validation, info, { ...config, epochs: 3 });

    const losses = (history: EpochMetrics[]): number[] => history.map((entry) => entry.trainLoss);
    expect(losses(second.history)).toEqual(losses(first.history));
    first.model.dispose();
    second.model.dispose();
  });

  it('stops early and restores the best epoch', async () => {
    // A high learning rate without L2 overfits the small training set within a few epochs.
    const overfit = { ...config, epochs: 60, learningRate: 0.2, l2: 0, k: 16, patience: 2 };

    const result = await trainModel(train, validation, info, overfit);

    expect(result.reason).toBe('early-stopping');
    expect(result.history.length).toBe(result.bestEpoch + 2);
    const predicted = await result.model.predict(validation.user, validation.item);
    let squared = 0;
    predicted.forEach((value, index) => {
      squared += (value - (validation.rating[index] as number)) ** 2;
    });
    const bestRmse = (result.history[result.bestEpoch - 1] as EpochMetrics).valRmse;
    expect(Math.sqrt(squared / predicted.length)).toBeCloseTo(bestRmse, 4);
    result.model.dispose();
  });

  it('ends after the epoch a stop is requested in', async () => {
    let epochs = 0;

    const result = await trainModel(train, validation, info, config, {
      onEpoch: () => epochs++,
      shouldStop: () => epochs >= 2,
    });

    expect(result.reason).toBe('stopped');
    expect(result.history).toHaveLength(2);
    result.model.dispose();
  });

  it('reports divergence and keeps the weights before it', async () => {
    const poisoned = triples([
      [0, 0, 4],
      [1, 1, Number.NaN],
    ]);

    const result = await trainModel(poisoned, triples([]), { users: 2, items: 2, scale }, config);

    expect(result.reason).toBe('diverged');
    expect(result.error?.code).toBe('training-diverged');
    expect(result.error?.message).toMatch(/learning rate/);
    expect(result.bestEpoch).toBe(0);
    expect(result.history).toHaveLength(0);
    result.model.dispose();
  });

  it('counts the last epoch as best without validation ratings', async () => {
    const result = await trainModel(train, triples([]), info, { ...config, epochs: 3 });

    expect(result.bestEpoch).toBe(3);
    expect(Number.isNaN((result.history[2] as EpochMetrics).valRmse)).toBe(true);
    result.model.dispose();
  });

  it('rejects an invalid config', async () => {
    await expect(
      trainModel(train, validation, info, { ...config, batchSize: 0 }),
    ).rejects.toMatchObject({
      code: 'invalid-config',
    });
  });

  it('rejects a validation index outside the tables', async () => {
    await expect(trainModel(train, triples([[99, 0, 3]]), info, config)).rejects.toMatchObject({
      code: 'invalid-format',
    });
  });

  it('resumes from a checkpoint', async () => {
    let checkpoint: TrainingCheckpoint | null = null;
    const first = await trainModel(
      train,
      validation,
      info,
      { ...config, epochs: 3 },
      {
        onBestEpoch: async (model, history) => {
          checkpoint = { weights: await model.toArrays(), history: [...history] };
        },
      },
    );
    first.model.dispose();
    const saved = checkpoint as TrainingCheckpoint | null;
    expect(saved?.history.length).toBeGreaterThan(0);
    const resumedAfter = saved?.history.length ?? 0;

    const resumed = await trainModel(train, validation, info, { ...config, epochs: 6 }, {}, saved);

    expect(resumed.history.map((entry) => entry.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.history.slice(0, resumedAfter)).toEqual(saved?.history);
    const best = resumed.history[resumed.bestEpoch - 1] as EpochMetrics;
    expect(best.valRmse).toBeLessThanOrEqual((saved?.history.at(-1) as EpochMetrics).valRmse);
    resumed.model.dispose();
  });
});
