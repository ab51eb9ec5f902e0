import { describe, expect, it } from 'vitest';

import type { RatingTriples } from './dataset';
import { LfmError } from '../errors';
import { countUnknown, requireNonEmptyParts, splitRandom } from './split';

/** Rating j has user j % users, item j % items and rating 1 + j % 5. */
function makeRatings(count: number, users = 50, items = 70): RatingTriples {
  return {
    user: Int32Array.from({ length: count }, (_, index) => index % users),
    item: Int32Array.from({ length: count }, (_, index) => index % items),
    rating: Float32Array.from({ length: count }, (_, index) => 1 + (index % 5)),
  };
}

/** Identifies rating j by (user, item, rating), unique for the ratings above. */
function keys(part: RatingTriples): string[] {
  return Array.from(
    part.rating,
    (rating, index) => `${part.user[index]}/${part.item[index]}/${rating}`,
  );
}

describe('splitRandom', () => {
  const ratings = makeRatings(1000, 50, 1000);

  it('is deterministic for a seed', () => {
    const first = splitRandom(ratings, 42);
    const second = splitRandom(ratings, 42);

    expect(keys(first.train)).toEqual(keys(second.train));
    expect(keys(first.test)).toEqual(keys(second.test));
  });

  it('changes with the seed', () => {
    expect(keys(splitRandom(ratings, 1).test)).not.toEqual(keys(splitRandom(ratings, 2).test));
  });

  it('gives the first test ratings for seed 42', () => {
    // Fixed values: a change here means splits differ from earlier releases.
    expect(keys(splitRandom(ratings, 42).test).slice(0, 3)).toEqual([
      '28/428/4',
      '34/84/5',
      '17/817/3',
    ]);
  });

  it.each([
    [{ train: 0.8, validation: 0.1, test: 0.1 }, [800, 100, 100]],
    [{ train: 0.7, validation: 0, test: 0.3 }, [700, 0, 300]],
    [{ train: 1, validation: 0, test: 0 }, [1000, 0, 0]],
    [{ train: 0.333, validation: 0.333, test: 0.334 }, [333, 333, 334]],
  ])('sizes parts for %o', (fractions, sizes) => {
    const split = splitRandom(ratings, 3, fractions);

    expect([
      split.train.rating.length,
      split.validation.rating.length,
      split.test.rating.length,
    ]).toEqual(sizes);
  });

  it('keeps parts disjoint and complete', () => {
    const split = splitRandom(ratings, 9);
    const all = [...keys(split.train), ...keys(split.validation), ...keys(split.test)];

    expect(new Set(all).size).toBe(1000);
    expect([...all].sort()).toEqual([...keys(ratings)].sort());
  });

  it('counts unknown users and items', () => {
    const split = splitRandom(ratings, 5);
    const expected = countUnknown(split.train, split.test);

    expect(split.unknown.test).toEqual(expected);
    // Each item is rated once, so every test item is unknown to training.
    expect(split.unknown.test.items).toBe(split.test.rating.length);
  });

  it.each([
    [{ train: 0.8, validation: 0.1, test: 0.2 }],
    [{ train: 0, validation: 0.5, test: 0.5 }],
    [{ train: 1.2, validation: -0.1, test: -0.1 }],
    [{ train: Number.NaN, validation: 0.1, test: 0.1 }],
  ])('rejects fractions %o', (fractions) => {
    expect(() => splitRandom(ratings, 1, fractions)).toThrow(LfmError);
  });
});

describe('requireNonEmptyParts', () => {
  it('accepts a split with ratings in every part', () => {
    expect(() => requireNonEmptyParts(splitRandom(makeRatings(20), 1), 1)).not.toThrow();
  });

  it('names the part sizes of a tiny data set', () => {
    const split = splitRandom(makeRatings(1), 42);

    expect(() => requireNonEmptyParts(split, 42)).toThrow(
      'Split (seed 42): train, validation and test each need ratings, got 1 / 0 / 0 of 1 rating.',
    );
  });
});

describe('countUnknown', () => {
  it('counts ratings, not distinct ids', () => {
    const train = {
      user: Int32Array.of(0, 1),
      item: Int32Array.of(0, 0),
      rating: Float32Array.of(1, 2),
    };
    const test = {
      user: Int32Array.of(2, 2, 0),
      item: Int32Array.of(0, 3, 3),
      rating: Float32Array.of(1, 2, 3),
    };

    expect(countUnknown(train, test)).toEqual({ users: 2, items: 2 });
  });
});
