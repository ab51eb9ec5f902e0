import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from './config';
import { lowRankRatings, useCpuBackend } from './test_support';
import { trainModel } from './trainer';

beforeAll(useCpuBackend);

const INFO = { users: 12, items: 10, scale: { min: 1, max: 5, step: 1 } };
const CONFIG: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  k: 4,
  epochs: 3,
  batchSize: 16,
  patience: 0,
  learningRate: 0.05,
};

async function trainLosses(decay: number | undefined): Promise<number[]> {
  const { train, validation } = lowRankRatings(12, 10, 5);
  const result = await trainModel(train, validation, INFO, {
    ...CONFIG,
    learningRateDecay: decay,
  });
  result.model.dispose();
  return result.history.map((metrics) => metrics.trainLoss);
}

describe('learningRateDecay', () => {
  it('leaves the first epoch unchanged', async () => {
    const [constant] = await trainLosses(1);
    const [decayed] = await trainLosses(0.1);

    expect(decayed).toBeCloseTo(constant as number, 6);
  });

  it('slows later epochs', async () => {
    const constant = await trainLosses(undefined);
    const decayed = await trainLosses(0.1);

    // With a 10x smaller step the loss falls less from epoch 2 to epoch 3.
    const constantDrop = (constant[1] as number) - (constant[2] as number);
    const decayedDrop = (decayed[1] as number) - (decayed[2] as number);
    expect(decayedDrop).toBeLessThan(constantDrop);
  });

  it('rejects a decay above 1', () => {
    expect(() => validateTrainConfig({ ...CONFIG, learningRateDecay: 1.5 })).toThrow(
      /learningRateDecay must be a number from 0.01 to 1/,
    );
  });
});
