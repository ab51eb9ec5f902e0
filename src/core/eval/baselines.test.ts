import { describe, expect, it } from 'vitest';

import { triples } from '../model/test_support';
import { fitBiasBaseline, globalMean, predictBiasBaseline } from './baselines';

const scale = { min: 1, max: 5, step: 1 };

describe('globalMean', () => {
  it('averages the ratings', () => {
    expect(
      globalMean(
        triples([
          [0, 0, 1],
          [1, 1, 4],
          [0, 1, 4],
        ]),
      ),
    ).toBeCloseTo(3, 10);
  });

  it('rejects an empty set', () => {
    expect(() => globalMean(triples([]))).toThrow(expect.objectContaining({ code: 'no-ratings' }));
  });
});

describe('fitBiasBaseline', () => {
  it('matches one hand-computed iteration', () => {
    // Ratings (0,0)=5, (0,1)=3, (1,0)=4: mu = 4. With regUser 1, regItem 1, one iteration:
    //   b_i0 = ((5-4) + (4-4)) / (1 + 2) = 1/3;  b_i1 = (3-4) / (1 + 1) = -0.5
    //   b_u0 = ((5-4-1/3) + (3-4+0.5)) / (1 + 2) = (2/3 - 0.5) / 3 = 1/18
    //   b_u1 = (4-4-1/3) / (1 + 1) = -1/6
    const train = triples([
      [0, 0, 5],
      [0, 1, 3],
      [1, 0, 4],
    ]);

    const baseline = fitBiasBaseline(train, 3, 3, { regUser: 1, regItem: 1, iterations: 1 });

    expect(baseline.mu).toBeCloseTo(4, 10);
    expect(baseline.itemBias[0]).toBeCloseTo(1 / 3, 6);
    expect(baseline.itemBias[1]).toBeCloseTo(-0.5, 6);
    expect(baseline.userBias[0]).toBeCloseTo(1 / 18, 6);
    expect(baseline.userBias[1]).toBeCloseTo(-1 / 6, 6);
  });

  it('leaves unknown ids at zero', () => {
    const baseline = fitBiasBaseline(triples([[0, 0, 5]]), 2, 2, {
      regUser: 0,
      regItem: 0,
      iterations: 3,
    });

    expect(baseline.userBias[1]).toBe(0);
    expect(baseline.itemBias[1]).toBe(0);
  });
});

describe('predictBiasBaseline', () => {
  it('adds the biases and clips to the scale', () => {
    const baseline = { mu: 4, userBias: Float32Array.of(0.5, 2), itemBias: Float32Array.of(-1, 0) };

    const predicted = predictBiasBaseline(
      baseline,
      Int32Array.of(0, 1, 1),
      Int32Array.of(0, 0, 1),
      scale,
    );

    expect(Array.from(predicted)).toEqual([3.5, 5, 5]);
  });
});
