import * as tf from '@tensorflow/tfjs-core';

import { LfmError } from '../errors';
import type { LfmModel } from '../model/lfm_model';
import { seenItemsOf, type SeenItems } from './seen_items';

/**
 * Scores per backend call: 256 users x 9,724 items (ml-latest-small), about 10 MB of float32.
 * Larger catalogues get fewer users per call, so that ML-25M's 59,047 items do not need
 * several 60 MB score tensors at once.
 */
const SCORES_PER_BATCH = 256 * 9_724;
const MAX_USER_BATCH = 256;
const MIN_USER_BATCH = 16;

/** Users scored per backend call for a catalogue of `items` items. */
export function userBatchSize(items: number): number {
  const fitting = Math.floor(SCORES_PER_BATCH / Math.max(1, items));
  return Math.max(MIN_USER_BATCH, Math.min(MAX_USER_BATCH, fitting));
}

/** Top-N lists of several users, row-major: row r contains the list of the r-th requested user. */
export interface BatchTopN {
  /** users.length x count item indices, best first; -1 past the user's unseen items. */
  items: Int32Array;
  /** Predicted ratings of `items`, clipped to the rating scale; NaN where the item is -1. */
  scores: Float32Array;
}

/**
 * Returns the top `count` items for each user in `users`, leaving out each user's `seen`
 * items.
 *
 * Scores are computed on the backend for a batch of users at once: mu + b_u + b_i + P_batch Q^T
 * under the fallback rule, with seen items set to -Infinity, then `tf.topk`. All four terms
 * come from one matrix product of [p_u, b_u, 1] rows with [q_i; 1; mu + b_i] columns, where an
 * unknown user's or item's terms are zeros. Ranking uses the
 * unclipped scores, so items above the scale's maximum keep their order. A row has fewer than
 * `count` real items when the user has fewer unseen items; the rest of the row is -1.
 */
export async function topNForUsers(
  model: LfmModel,
  users: Int32Array,
  count: number,
  seen: SeenItems,
): Promise<BatchTopN> {
  const { items, scale } = model.info;
  if (!Number.isInteger(count) || count < 1) {
    throw new LfmError('invalid-format', `Top-N: count must be a positive integer, got ${count}.`, {
      value: String(count),
    });
  }
  for (const user of users) {
    if (!Number.isInteger(user) || user < 0 || user >= model.info.users) {
      throw new LfmError(
        'unknown-user',
        `Top-N: users must be indices from 0 to ${model.info.users - 1}, got ${user}.`,
        { value: String(user) },
      );
    }
  }

  const size = Math.min(count, items);
  const result: BatchTopN = {
    items: new Int32Array(users.length * count).fill(-1),
    scores: new Float32Array(users.length * count).fill(NaN),
  };
  const itemTable = itemScoreTable(model);
  const userBatch = userBatchSize(items);
  try {
    for (let start = 0; start < users.length; start += userBatch) {
      const batch = users.subarray(start, Math.min(start + userBatch, users.length));
      const mask = seenMask(batch, seen, items);
      const userKnown = Float32Array.from(batch, (user) => model.knownUsers[user] ?? 0);
      const top = tf.tidy(() => {
        const batchIndices = tf.tensor1d(batch, 'int32');
        const known = tf.tensor2d(userKnown, [batch.length, 1]);
        // [batch, k + 2]: p_u and b_u (zeros for an unknown user), then 1.
        const userTable = tf.concat(
          [
            tf.mul(tf.gather(model.userEmbedding, batchIndices), known),
            tf.mul(tf.reshape(tf.gather(model.userBias, batchIndices), [-1, 1]), known),
            tf.ones([batch.length, 1]),
          ],
          1,
        );
        const scores = tf.matMul(userTable, itemTable);
        return tf.topk(tf.add(scores, tf.tensor2d(mask, [batch.length, items])), size);
      });
      const [topScores, topItems] = await Promise.all([
        top.values.data<'float32'>(),
        top.indices.data<'int32'>(),
      ]);
      top.values.dispose();
      top.indices.dispose();
      copyRows({ topItems, topScores }, batch, seen, { size, count, start, items, scale }, result);
    }
  } finally {
    itemTable.dispose();
  }
  return result;
}

/**
 * Builds the [k + 2, items] table whose column i is q_i, 1 and mu + b_i, with q_i and b_i
 * zeroed for an unknown item. It is built transposed once, because `transposeB` is slow on
 * the WASM backend of TF.js 4.22. There, 256 x 32 by 32 x 59,047 took 0.48 s with
 * `transposeB` and 0.08 s with a transposed copy (Node 20, 2-vCPU VM).
 */
function itemScoreTable(model: LfmModel): tf.Tensor2D {
  const { items } = model.info;
  return tf.tidy(() => {
    const itemKnown = tf.tensor1d(Float32Array.from(model.knownItems));
    return tf.concat<tf.Tensor2D>(
      [
        tf.mul<tf.Tensor2D>(tf.transpose(model.itemEmbedding), itemKnown),
        tf.ones<tf.Rank.R2>([1, items]),
        tf.reshape<tf.Rank.R2>(tf.add(tf.mul(model.itemBias, itemKnown), model.mu), [1, items]),
      ],
      0,
    );
  });
}

/** Builds a [batch x items] additive mask: -Infinity at each user's seen items, 0 elsewhere. */
function seenMask(batch: Int32Array, seen: SeenItems, items: number): Float32Array {
  const mask = new Float32Array(batch.length * items);
  batch.forEach((user, row) => {
    for (const item of seenItemsOf(seen, user)) mask[row * items + item] = -Infinity;
  });
  return mask;
}

/** Copies each user's top items and clipped scores into `result`, leaving -1 where fewer items are unseen. */
function copyRows(
  top: { topItems: Int32Array; topScores: Float32Array },
  batch: Int32Array,
  seen: SeenItems,
  layout: {
    size: number;
    count: number;
    start: number;
    items: number;
    scale: { min: number; max: number };
  },
  result: BatchTopN,
): void {
  const { size, count, start, items, scale } = layout;
  batch.forEach((user, row) => {
    // Past the unseen items, topk returns -Infinity entries, which are seen items.
    const available = Math.min(size, items - seenItemsOf(seen, user).length);
    for (let rank = 0; rank < available; rank++) {
      const score = top.topScores[row * size + rank] as number;
      result.items[(start + row) * count + rank] = top.topItems[row * size + rank] as number;
      result.scores[(start + row) * count + rank] = Math.min(scale.max, Math.max(scale.min, score));
    }
  });
}
