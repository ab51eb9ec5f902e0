import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import type { RatingTriples } from '../data/dataset';
import { DEFAULT_TRAIN_CONFIG, FUSED_SGD_PRESET, type TrainConfig } from '../model/config';
import { lowRankRatings, useCpuBackend } from '../model/test_support';
import { bestTrialIndex, runSearch, type TrialResult } from './search';
import { DEFAULT_SEARCH_SPACE, FUSED_SGD_SEARCH_SPACE, sampleSearchConfigs } from './search_space';

beforeAll(useCpuBackend);

const INFO = { users: 12, items: 10, scale: { min: 1, max: 5, step: 1 } };
const BASE: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, k: 4, epochs: 2, batchSize: 16, seed: 3 };

/** Train and validation ratings, plus a test part whose every read fails the test. */
function dataWithGuardedTest(): { train: RatingTriples; validation: RatingTriples } {
  const { train, validation } = lowRankRatings(12, 10, 5);
  const data = { train, validation };
  Object.defineProperty(data, 'test', {
    get() {
      throw new Error('the search read the test ratings');
    },
  });
  return data;
}

describe('sampleSearchConfigs', () => {
  it('runs the base config first', () => {
    const configs = sampleSearchConfigs(BASE, 4, 7);

    expect(configs).toHaveLength(4);
    expect(configs[0]).toEqual(BASE);
  });

  it('draws the same configs for one seed', () => {
    expect(sampleSearchConfigs(BASE, 5, 7)).toEqual(sampleSearchConfigs(BASE, 5, 7));
    expect(sampleSearchConfigs(BASE, 5, 7)).not.toEqual(sampleSearchConfigs(BASE, 5, 8));
  });

  it('keeps draws inside the space', () => {
    const space = DEFAULT_SEARCH_SPACE;
    for (const config of sampleSearchConfigs(BASE, 50, 11).slice(1)) {
      expect(space.k).toContain(config.k);
      expect(config.learningRate).toBeGreaterThanOrEqual(space.learningRate.min * 0.999);
      expect(config.learningRate).toBeLessThanOrEqual(space.learningRate.max * 1.001);
      expect(config.l2).toBeGreaterThanOrEqual(space.l2.min * 0.999);
      expect(config.l2).toBeLessThanOrEqual(space.l2.max * 1.001);
      expect(config.learningRateDecay).toBeLessThanOrEqual(1);
      expect(config.epochs).toBe(BASE.epochs);
      expect(config.seed).toBe(BASE.seed);
    }
  });

  it('draws the SGD step size on the fused path', () => {
    const base: TrainConfig = { ...FUSED_SGD_PRESET, k: 4, epochs: 2 };
    const space = FUSED_SGD_SEARCH_SPACE;
    const draws = sampleSearchConfigs(base, 30, 5).slice(1);

    for (const config of draws) {
      expect(config.trainingPath).toBe('fused-sgd');
      expect(config.learningRate).toBe(base.learningRate);
      expect(config.sgdLearningRate).toBeGreaterThanOrEqual(space.learningRate.min * 0.999);
      expect(config.sgdLearningRate).toBeLessThanOrEqual(space.learningRate.max * 1.001);
      expect(config.learningRateDecay).toBeGreaterThanOrEqual(space.learningRateDecay.min);
    }
    expect(new Set(draws.map((config) => config.sgdLearningRate)).size).toBeGreaterThan(1);
  });
});

describe('runSearch', () => {
  it('gives the same trials for one seed', async () => {
    const spec = { trials: 3, seed: 9, base: BASE };

    const first = await runSearch(dataWithGuardedTest(), INFO, spec);
    const second = await runSearch(dataWithGuardedTest(), INFO, spec);

    const summary = (trial: TrialResult) => [trial.config, trial.bestEpoch, trial.valRmse];
    expect(first.trials.map(summary)).toEqual(second.trials.map(summary));
    expect(first.bestIndex).toBe(second.bestIndex);
    expect(first.cancelled).toBe(false);
  });

  it('never reads the test ratings', async () => {
    const result = await runSearch(dataWithGuardedTest(), INFO, { trials: 2, seed: 1, base: BASE });

    expect(result.trials).toHaveLength(2);
  });

  it('picks the lowest validation RMSE', async () => {
    const result = await runSearch(dataWithGuardedTest(), INFO, { trials: 3, seed: 4, base: BASE });

    const lowest = Math.min(...result.trials.map((trial) => trial.valRmse));
    expect(result.trials[result.bestIndex]?.valRmse).toBe(lowest);
  });

  it('reports every epoch of every trial', async () => {
    const epochs: [number, number][] = [];
    const started: number[] = [];

    await runSearch(
      dataWithGuardedTest(),
      INFO,
      { trials: 2, seed: 1, base: { ...BASE, patience: 0 } },
      {
        onTrialStart: (trial) => started.push(trial),
        onTrialEpoch: (trial, metrics) => epochs.push([trial, metrics.epoch]),
      },
    );

    expect(started).toEqual([1, 2]);
    expect(epochs).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
  });

  it('stops after the epoch a cancel arrives in', async () => {
    let epochs = 0;

    const result = await runSearch(
      dataWithGuardedTest(),
      INFO,
      { trials: 3, seed: 1, base: { ...BASE, epochs: 5, patience: 0 } },
      { onTrialEpoch: () => epochs++, shouldStop: () => epochs >= 1 },
    );

    expect(result.cancelled).toBe(true);
    expect(result.trials).toHaveLength(1);
    expect(result.trials[0]?.reason).toBe('stopped');
    expect(epochs).toBe(1);
  });

  it('frees every trial model', async () => {
    const before = tf.memory().numTensors;

    await runSearch(dataWithGuardedTest(), INFO, { trials: 2, seed: 1, base: BASE });

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects zero trials', async () => {
    await expect(
      runSearch(dataWithGuardedTest(), INFO, { trials: 0, seed: 1, base: BASE }),
    ).rejects.toMatchObject({ code: 'invalid-config' });
  });
});

describe('bestTrialIndex', () => {
  it('skips trials without a finished epoch', () => {
    const trial = (valRmse: number, bestEpoch: number): TrialResult => ({
      trial: 1,
      config: BASE,
      bestEpoch,
      valRmse,
      epochsRun: bestEpoch,
      reason: 'completed',
      seconds: 0,
    });

    expect(bestTrialIndex([trial(Number.NaN, 0), trial(0.9, 2), trial(0.8, 0)])).toBe(1);
    expect(bestTrialIndex([])).toBe(-1);
  });
});
