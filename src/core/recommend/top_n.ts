import * as tf from '@tensorflow/tfjs-core';

import { LfmError } from '../errors';
import type { LfmModel } from '../model/lfm_model';

/** Recommended items, best first, with their predicted ratings clipped to the scale. */
export interface Recommendations {
  items: Int32Array;
  scores: Float32Array;
}

/**
 * Returns the `count` items with the highest predicted rating for `user`, leaving out
 * `excludedItems` (usually the items the user rated in training). Scores for every item
 * are computed on the backend as Q p_u + b_i + b_u + mu with the fallback rule, excluded
 * items are set to -Infinity and `tf.topk` picks the best. Ranking uses the unclipped
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
  const { users, items, scale } = model.info;
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

  const exclusionMask = new Float32Array(items);
  for (const item of excludedItems) {
    if (!Number.isInteger(item) || item < 0 || item >= items) {
      throw new LfmError(
        'invalid-format',
        `Recommend: excluded items must be indices below ${items}, got ${item}.`,
        { value: String(item) },
      );
    }
    exclusionMask[item] = -Infinity;
  }
  let excludedCount = 0;
  for (const value of exclusionMask) if (value !== 0) excludedCount++;
  const size = Math.min(count, items - excludedCount);
  if (size === 0) return { items: new Int32Array(0), scores: new Float32Array(0) };

  const { values, indices } = tf.tidy(() => {
    const scores = tf.add(scoreAllItems(model, user), tf.tensor1d(exclusionMask));
    return tf.topk(scores, size);
  });
  const [topScores, topItems] = await Promise.all([
    values.data<'float32'>(),
    indices.data<'int32'>(),
  ]);
  values.dispose();
  indices.dispose();

  const clipped = topScores.map((score) => Math.min(scale.max, Math.max(scale.min, score)));
  return { items: Int32Array.from(topItems), scores: Float32Array.from(clipped) };
}

/**
 * Unclipped predicted ratings of every item for one user, shape [items]: the fallback rule
 * of the model drops the embedding product and the bias of whichever side is unknown.
 */
function scoreAllItems(model: LfmModel, user: number): tf.Tensor1D {
  const userKnown = model.knownUsers[user] === 1 ? 1 : 0;
  const itemKnown = tf.tensor1d(Float32Array.from(model.knownItems));
  const userRow = tf.reshape(tf.slice(model.userEmbedding, [user, 0], [1, model.k]), [model.k, 1]);
  const dot = tf.reshape(tf.matMul(model.itemEmbedding, userRow), [model.info.items]);
  const userBias = tf.mul(tf.slice(model.userBias, [user], [1]), userKnown);
  const deviation = tf.mul(itemKnown, tf.add(model.itemBias, tf.mul(dot, userKnown)));
  return tf.add(tf.add(deviation, userBias), model.mu);
}

/** Predicted rating of one (user, item) pair, clipped to the scale, with the fallback rule. */
export async function predictRating(model: LfmModel, user: number, item: number): Promise<number> {
  const [rating] = await model.predict(Int32Array.of(user), Int32Array.of(item));
  return rating as number;
}
