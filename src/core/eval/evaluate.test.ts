import { beforeAll, describe, expect, it } from 'vitest';

import { LfmModel } from '../model/lfm_model';
import { triples, useCpuBackend } from '../model/test_support';
import { evaluateModel } from './evaluate';

beforeAll(useCpuBackend);

describe('evaluateModel', () => {
  it('reports test metrics, baselines and unknown counts', async () => {
    // Item 2 and user 2 have no training rating. Every embedding is 0, so the model
    // predicts mu + b_u + b_i with mu = 3.5 and the biases set below.
    const scale = { min: 1, max: 5, step: 1 };
    const train = triples([
      [0, 0, 4],
      [1, 1, 3],
    ]);
    const test = triples([
      [0, 1, 4],
      [1, 2, 2],
      [2, 0, 5],
    ]);
    const model = LfmModel.fromArrays({
      users: 3,
      items: 3,
      k: 1,
      scale,
      mu: 3.5,
      userEmbedding: new Float32Array(3),
      itemEmbedding: new Float32Array(3),
      userBias: Float32Array.of(0.5, -0.5, 9),
      itemBias: Float32Array.of(0.5, 0, 9),
      knownUsers: Uint8Array.of(1, 1, 0),
      knownItems: Uint8Array.of(1, 1, 0),
    });

    const report = await evaluateModel(model, train, test, {
      bestEpoch: 4,
      reason: 'early-stopping',
      seconds: 2,
    });

    // Predictions 4, 3 (unknown item) and 4 (unknown user): errors 0, -1, 1.
    expect(report.test.mae).toBeCloseTo(2 / 3, 6);
    expect(report.test.rmse).toBeCloseTo(Math.sqrt(2 / 3), 6);
    // The global mean 3.5 has errors 0.5, -1.5, 1.5.
    expect(report.baselines.globalMean.mse).toBeCloseTo((0.25 + 2.25 + 2.25) / 3, 6);
    expect(report.baselines.biases.rmse).toBeGreaterThan(0);
    expect(report.unknown).toEqual({ users: 1, items: 1 });
    expect(report.bestEpoch).toBe(4);
    expect(report.reason).toBe('early-stopping');
    expect(report.seconds).toBe(2);
    model.dispose();
  });
});
