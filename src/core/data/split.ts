import { LfmError } from '../errors';
import type { RatingTriples } from './dataset';
import { createRng, randomPermutation } from './random';

/** Shares of the ratings per part; they must sum to 1. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { train: 0.8, validation: 0.1, test: 0.1 };

/** Ratings of a validation or test part whose user or item has no training rating. */
export interface UnknownCounts {
  users: number;
  items: number;
}

export interface RatingSplit {
  train: RatingTriples;
  validation: RatingTriples;
  test: RatingTriples;
  unknown: { validation: UnknownCounts; test: UnknownCounts };
}

/**
 * Splits ratings at random into train, validation and test parts. Part sizes are
 * round(n * train) and round(n * validation), and test takes the rest. Each part lists its
 * ratings in shuffled order. The same seed gives the same split on every machine, because the
 * shuffle uses only 32-bit integer arithmetic.
 *
 * @throws LfmError `invalid-config` when the fractions are negative, do not sum to 1 or leave
 *   no training share.
 */
export function splitRandom(
  ratings: RatingTriples,
  seed: number,
  fractions: SplitFractions = DEFAULT_SPLIT_FRACTIONS,
): RatingSplit {
  validateFractions(fractions);

  const count = ratings.rating.length;
  const order = randomPermutation(count, createRng(seed));
  const trainCount = Math.min(count, Math.round(count * fractions.train));
  const validationCount = Math.min(count - trainCount, Math.round(count * fractions.validation));

  const train = selectRatings(ratings, order.subarray(0, trainCount));
  const validation = selectRatings(
    ratings,
    order.subarray(trainCount, trainCount + validationCount),
  );
  const test = selectRatings(ratings, order.subarray(trainCount + validationCount));
  return {
    train,
    validation,
    test,
    unknown: { validation: countUnknown(train, validation), test: countUnknown(train, test) },
  };
}

/**
 * Throws `no-ratings` unless each of the train, validation and test parts of a random split
 * contains at least one rating. A data set of a handful of ratings splits into empty parts,
 * and training on it would report metrics of nothing.
 */
export function requireNonEmptyParts(split: RatingSplit, seed: number): void {
  const counts = [split.train, split.validation, split.test].map((part) => part.rating.length);
  if (counts.every((count) => count > 0)) return;
  const total = counts.reduce((sum, count) => sum + count, 0);
  throw new LfmError(
    'no-ratings',
    `Split (seed ${seed}): train, validation and test each need ratings, got ` +
      `${counts.join(' / ')} of ${total} ${total === 1 ? 'rating' : 'ratings'}. ` +
      'Load a data set with more ratings (at least about 20).',
    { value: String(total) },
  );
}

/** Copies the ratings at `indices` into new arrays, in the order of `indices`. */
export function selectRatings(ratings: RatingTriples, indices: Int32Array): RatingTriples {
  const user = new Int32Array(indices.length);
  const item = new Int32Array(indices.length);
  const rating = new Float32Array(indices.length);
  for (let slot = 0; slot < indices.length; slot++) {
    const index = indices[slot] as number;
    user[slot] = ratings.user[index] as number;
    item[slot] = ratings.item[index] as number;
    rating[slot] = ratings.rating[index] as number;
  }
  return { user, item, rating };
}

/** Counts the ratings in `part` whose user, or whose item, never occurs in `train`. */
export function countUnknown(train: RatingTriples, part: RatingTriples): UnknownCounts {
  const userSeen = new Uint8Array(maxIndex(train.user, part.user) + 1);
  const itemSeen = new Uint8Array(maxIndex(train.item, part.item) + 1);
  for (let index = 0; index < train.user.length; index++) {
    userSeen[train.user[index] as number] = 1;
    itemSeen[train.item[index] as number] = 1;
  }

  let users = 0;
  let items = 0;
  for (let index = 0; index < part.user.length; index++) {
    if (userSeen[part.user[index] as number] === 0) users++;
    if (itemSeen[part.item[index] as number] === 0) items++;
  }
  return { users, items };
}

function maxIndex(first: Int32Array, second: Int32Array): number {
  let max = -1;
  for (const value of first) if (value > max) max = value;
  for (const value of second) if (value > max) max = value;
  return max;
}

function validateFractions(fractions: SplitFractions): void {
  const { train, validation, test } = fractions;
  const parts = [train, validation, test];
  const valid =
    parts.every((part) => Number.isFinite(part) && part >= 0) &&
    train > 0 &&
    Math.abs(train + validation + test - 1) <= 1e-6;
  if (!valid) {
    throw new LfmError(
      'invalid-config',
      `splitRandom: fractions must be non-negative, sum to 1 and give train a share above 0, ` +
        `got train ${train}, validation ${validation}, test ${test}. Adjust the split fractions.`,
    );
  }
}
