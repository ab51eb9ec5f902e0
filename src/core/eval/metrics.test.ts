import { describe, expect, it } from 'vitest';

import {
  meanAbsoluteError,
  meanSquaredError,
  ratingMetrics,
  rootMeanSquaredError,
} from './metrics';

const predicted = Float32Array.of(3, 4, 2.5, 5);
const actual = Float32Array.of(4, 4, 1.5, 3);

describe('rating metrics', () => {
  // Errors are 1, 0, -1 and -2: absolute sum 4, squared sum 6, over 4 ratings.
  it('computes MAE', () => {
    expect(meanAbsoluteError(predicted, actual)).toBeCloseTo(1, 10);
  });

  it('computes MSE', () => {
    expect(meanSquaredError(predicted, actual)).toBeCloseTo(1.5, 10);
  });

  it('computes RMSE', () => {
    expect(rootMeanSquaredError(predicted, actual)).toBeCloseTo(Math.sqrt(1.5), 10);
  });

  it('combines all three', () => {
    const metrics = ratingMetrics(predicted, actual);

    expect(metrics.mae).toBeCloseTo(1, 10);
    expect(metrics.mse).toBeCloseTo(1.5, 10);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(1.5), 10);
  });

  it('returns NaN for empty arrays', () => {
    expect(Number.isNaN(rootMeanSquaredError(new Float32Array(0), new Float32Array(0)))).toBe(true);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => meanSquaredError(Float32Array.of(1), Float32Array.of(1, 2))).toThrow(
      expect.objectContaining({ code: 'invalid-format' }),
    );
  });
});
