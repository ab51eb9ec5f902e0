import * as tf from '@tensorflow/tfjs-core';
import { LfmError } from '../errors';
import type { LfmModel } from '../model/lfm_model';
import type { Recommendations } from './top_n';

/**
 * Returns the `count` items with the highest predicted rating for a user given as a bias and
 * an embedding rather than a row of the model: a folded-in visitor, or a model user whose row
 * was read out. Scores are μ + b_u + b_i + q_i·p for known items and μ + b_u for unknown
 * ones (the fallback rule), computed on the backend. Items with `excluded[i] = 1` are left
 * out. Ranking uses the unclipped scores and the returned scores are clipped to the scale.
 */
export async function recommendForVector(
  model: LfmModel,
  userBias: number,
  userEmbedding: Float32Array,
  count: number,
  excluded: Uint8Array,
): Promise<Recommendations> {
  const { items, scale } = model.info;
  if (userEmbedding.length !== model.k || excluded.length !== items) {
    throw new LfmError(
      'invalid-format',
      `Recommend: the embedding must have k = ${model.k} values and the exclusion mask ${items}, got ${userEmbedding.length} and ${excluded.length}.`,
    );
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new LfmError(
      'invalid-format',
      `Recommend: count must be a non-negative integer, got ${count}.`,
      { value: String(count) },
    );
  }

  const mask = new Float32Array(items);
  let excludedCount = 0;
  for (let item = 0; item < items; item++) {
    if (excluded[item] === 1) {
      mask[item] = -Infinity;
      excludedCount++;
    }
  }
  const size = Math.min(count, items - excludedCount);
  if (size === 0) return { items: new Int32Array(0), scores: new Float32Array(0) };

  const known = Float32Array.from(model.knownItems);
  const { values, indices } = tf.tidy(() => {
    const embedding = tf.tensor2d(userEmbedding, [model.k, 1]);
    const dot = tf.reshape(tf.matMul(model.itemEmbedding, embedding), [items]);
    const deviation = tf.mul(tf.tensor1d(known), tf.add(model.itemBias, dot));
    const scores = tf.add(tf.add(deviation, model.mu + userBias), tf.tensor1d(mask));
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
 * Reads one model user's b_u and p_u, or zeros for an unknown user so that
 * `recommendForVector` applies the fallback rule μ + b_i.
 */
export async function readUserVector(
  model: LfmModel,
  user: number,
): Promise<{ userBias: number; userEmbedding: Float32Array }> {
  if (!Number.isInteger(user) || user < 0 || user >= model.info.users) {
    throw new LfmError(
      'unknown-user',
      `Recommend: user must be an index from 0 to ${model.info.users - 1}, got ${user}. Pick a user from the data set.`,
      { value: String(user) },
    );
  }
  if (model.knownUsers[user] !== 1)
    return { userBias: 0, userEmbedding: new Float32Array(model.k) };

  const row = tf.slice(model.userEmbedding, [user, 0], [1, model.k]);
  const bias = tf.slice(model.userBias, [user], [1]);
  const [embedding, biasValue] = await Promise.all([row.data<'float32'>(), bias.data<'float32'>()]);
  row.dispose();
  bias.dispose();
  return { userBias: biasValue[0] as number, userEmbedding: Float32Array.from(embedding) };
}
