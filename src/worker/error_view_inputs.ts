import type { RatingTriples } from '../core/data/dataset';
import type { RatingSplit } from '../core/data/split';

/** The test part of the split a model was trained on, and training ratings per user. */
export interface ErrorViewInputs {
  test: RatingTriples;
  /** Number of training ratings of each user index. */
  trainCounts: Int32Array;
}

/**
 * Keeps what the error views need of a split, so that the training and validation parts
 * (90% of the ratings, 270 MB at ML-25M's size) can be freed after training.
 */
export function errorViewInputs(split: RatingSplit, users: number): ErrorViewInputs {
  const trainCounts = new Int32Array(users);
  for (const user of split.train.user) trainCounts[user]! += 1;
  return { test: split.test, trainCounts };
}
