import { describe, expect, it } from 'vitest';

import { datasetFileStem } from './file_stem';

describe('datasetFileStem', () => {
  it.each([
    ['ml-100k.zip/ml-100k/u.data', 'ml-100k'],
    ['ML-1M.ZIP/ml-1m/ratings.dat', 'ML-1M'],
    ['u.data', 'u'],
    ['ratings.csv', 'ratings'],
    ['my ratings (2).csv', 'my-ratings-2'],
    ['Synthetic demo (generated)', 'Synthetic-demo-generated'],
    ['...', 'dataset'],
  ])('gives %s the stem %s', (name, stem) => {
    expect(datasetFileStem(name)).toBe(stem);
  });
});
