import { describe, expect, it } from 'vitest';
import { smoothEma } from './smoothing';

describe('smoothEma', () => {
  it('returns a copy of the values for weight 0', () => {
    const values = [3, 1, 2];
    const smoothed = smoothEma(values, 0);
    expect(smoothed).toEqual([3, 1, 2]);
    expect(smoothed).not.toBe(values);
  });

  it('starts at the first value, without a pull towards zero', () => {
    expect(smoothEma([5, 5, 5], 0.9)).toEqual([5, 5, 5].map(() => expect.closeTo(5, 12)));
  });

  it('matches the debiased average worked by hand', () => {
    // m1 = 0.5 * 0 + 0.5 * 2 = 1, s1 = 1 / 0.5 = 2; m2 = 0.5 + 0.5 * 4 = 2.5, s2 = 2.5 / 0.75.
    const [first, second] = smoothEma([2, 4], 0.5);
    expect(first).toBeCloseTo(2, 12);
    expect(second).toBeCloseTo(2.5 / 0.75, 12);
  });

  it('lags behind a step more for a larger weight', () => {
    const step = [0, 0, 0, 1, 1, 1];
    const light = smoothEma(step, 0.3).at(-1) as number;
    const heavy = smoothEma(step, 0.9).at(-1) as number;
    expect(light).toBeGreaterThan(heavy);
    expect(heavy).toBeGreaterThan(0);
    expect(light).toBeLessThan(1);
  });

  it('passes NaN through without breaking later points', () => {
    const smoothed = smoothEma([1, Number.NaN, 1], 0.6);
    expect(smoothed[0]).toBeCloseTo(1, 12);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBeCloseTo(1, 12);
  });

  it('returns an empty array for no values', () => {
    expect(smoothEma([], 0.6)).toEqual([]);
  });

  it.each([-0.1, 1, 1.5, Number.NaN])('rejects weight %s', (weight) => {
    expect(() => smoothEma([1], weight)).toThrow(
      `smoothEma: weight must be in [0, 1), got ${weight}.`,
    );
  });
});
