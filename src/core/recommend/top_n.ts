import { LfmError } from '../errors';
import type { LfmModel } from '../model/lfm_model';
import { readUserVector, recommendForVector } from './score_vector';

/** Recommended items, best first, with their predicted ratings clipped to the scale. */
export interface Recommendations {
  items: Int32Array;
  scores: Float32Array;
}

/**
 * Returns the `count` items with the highest predicted rating for `user`, leaving out
 * `excludedItems` (usually the items the user rated). It reads the user's b_u and p_u and
 * scores every item on the backend with `recommendForVector`, so the fallback rule applies. Ranking uses the unclipped
 * scores, so items above the scale's maximum keep their order; the returned scores are
 * clipped. Returns fewer than `count` items when fewer are left.
 * Throws `unknown-user` for an index outside the table and `invalid-format` for a bad
 * count or excluded index.
 */
export async function recommendTopN(
  model: LfmModel,
  user: number,
  count: number,
  excludedItems: Int32Array,
): Promise<Recommendations> {
  const { users, items } = model.info;
  if (!Number.isInteger(user) || user < 0 || user >= users) {
    throw new LfmError(
      'unknown-user',
      `Recommend: user must be an index from 0 to ${users - 1}, got ${user}. Pick a user from the data set.`,
      { value: String(user) },
    );
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new LfmError(
      'invalid-format',
      `Recommend: count must be a non-negative integer, got ${count}.`,
      { value: String(count) },
    );
  }

  const excluded = new Uint8Array(items);
  for (const item of excludedItems) {
    if (!Number.isInteger(item) || item < 0 || item >= items) {
      throw new LfmError(
        'invalid-format',
        `Recommend: excluded items must be indices below ${items}, got ${item}.`,
        { value: String(item) },
      );
    }
    excluded[item] = 1;
  }

  // An unknown user reads back as zeros, which gives the fallback scores mu + b_i.
  const { userBias, userEmbedding } = await readUserVector(model, user);
  return recommendForVector(model, userBias, userEmbedding, count, excluded);
}

/** Predicted rating of one (user, item) pair, clipped to the scale, with the fallback rule. */
export async function predictRating(model: LfmModel, user: number, item: number): Promise<number> {
  const [rating] = await model.predict(Int32Array.of(user), Int32Array.of(item));
  return rating as number;
}
