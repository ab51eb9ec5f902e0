import { describe, expect, it } from 'vitest';

import { createUniformSource, permutation, truncatedNormalArray } from './seeded_random';

describe('createUniformSource', () => {
  it('repeats the sequence for the same seed', () => {
    const first = createUniformSource(7);
    const second = createUniformSource(7);
    for (let draw = 0; draw < 100; draw++) expect(first()).toBe(second());
  });

  it('draws from [0, 1) with mean near 0.5', () => {
    const random = createUniformSource(1);
    let sum = 0;
    for (let draw = 0; draw < 10_000; draw++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    // The mean of 10,000 uniform draws has standard deviation 0.0029.
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

describe('truncatedNormalArray', () => {
  it('stays within two standard deviations', () => {
    const values = truncatedNormalArray(10_000, 0.1, createUniformSource(3));
    for (const value of values) expect(Math.abs(value)).toBeLessThanOrEqual(0.2 + 1e-7);
  });

  it('has the truncated standard deviation', () => {
    const values = truncatedNormalArray(20_000, 1, createUniformSource(4));
    let sum = 0;
    let squares = 0;
    for (const value of values) {
      sum += value;
      squares += value * value;
    }
    // A standard normal truncated at ±2 has variance 1 - 4 φ(2) / (2 Φ(2) - 1) = 0.774.
    expect(sum / values.length).toBeCloseTo(0, 1);
    expect(squares / values.length).toBeCloseTo(0.774, 1);
  });
});

describe('permutation', () => {
  it('contains every index once', () => {
    const order = permutation(1000, createUniformSource(5));
    const sorted = Array.from(order).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 1000 }, (_, index) => index));
  });

  it('differs between seeds', () => {
    const first = permutation(100, createUniformSource(1));
    const second = permutation(100, createUniformSource(2));
    expect(Array.from(first)).not.toEqual(Array.from(second));
  });
});
