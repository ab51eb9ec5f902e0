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
 * under the fallback rule. All four terms come from one matrix product of [p_u, b_u, 1] rows
 * with [q_i; 1; mu + b_i] columns, where an unknown user's or item's terms are zeros. The top
 * items of each row are then selected in JavaScript, skipping seen items. Ties go to the lower
 * item index, as with `tf.topk`. Ranking uses the unclipped scores, so items above the scale's
 * maximum keep their order. A row has fewer than `count` real items when the user has fewer
 * unseen items; the rest of the row is -1.
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

  const result: BatchTopN = {
    items: new Int32Array(users.length * count).fill(-1),
    scores: new Float32Array(users.length * count).fill(NaN),
  };
  const itemTable = itemScoreTable(model);
  const userBatch = userBatchSize(items);
  const selection = new TopSelection(items, count);
  try {
    for (let start = 0; start < users.length; start += userBatch) {
      const batch = users.subarray(start, Math.min(start + userBatch, users.length));
      const userKnown = Float32Array.from(batch, (user) => model.knownUsers[user] ?? 0);
      const scores = tf.tidy(() => {
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
        return tf.matMul(userTable, itemTable);
      });
      // Selecting in JavaScript replaced a seen-item mask, an add and `tf.topk` on the backend,
      // which took about 0.2 s of 0.3 s for 6,144 users x 3,952 items (WASM, Node 20, 2-vCPU VM).
      const values = await scores.data<'float32'>().finally(() => scores.dispose());
      batch.forEach((user, row) => {
        const rowScores = values.subarray(row * items, (row + 1) * items);
        const found = selection.select(rowScores, seenItemsOf(seen, user));
        for (let rank = 0; rank < found; rank++) {
          const score = selection.scores[rank] as number;
          result.items[(start + row) * count + rank] = selection.items[rank] as number;
          result.scores[(start + row) * count + rank] = Math.min(
            scale.max,
            Math.max(scale.min, score),
          );
        }
      });
    }
  } finally {
    itemTable.dispose();
  }
  return result;
}

/** Selection of the `count` best unseen items of one row of scores, reused across rows. */
class TopSelection {
  /** Scores of the selected items, best first. */
  readonly scores: Float64Array;
  /** The selected items, best first. */
  readonly items: Int32Array;
  /** seenStamp[item] === stamp marks the current row's seen items, so no clearing is needed. */
  private readonly seenStamp: Int32Array;
  private stamp = 0;

  constructor(
    items: number,
    private readonly count: number,
  ) {
    this.scores = new Float64Array(count);
    this.items = new Int32Array(count);
    this.seenStamp = new Int32Array(items);
  }

  /**
   * Selects the best items of `rowScores` that are not in `seen`, best first, into `scores`
   * and `items`, and returns how many were found. An item replaces a kept one only with a
   * strictly higher score, so ties keep the lower index. NaN scores are never selected into
   * a full list.
   */
  select(rowScores: Float32Array, seen: Int32Array): number {
    const { scores, items, count } = this;
    this.stamp++;
    for (const item of seen) this.seenStamp[item] = this.stamp;

    let found = 0;
    for (let item = 0; item < rowScores.length; item++) {
      if (this.seenStamp[item] === this.stamp) continue;
      const score = rowScores[item] as number;
      if (found === count && !(score > (scores[count - 1] as number))) continue;

      // Insertion into the short sorted list: shift the lower scores down by one.
      let position = found < count ? found : count - 1;
      while (position > 0 && (scores[position - 1] as number) < score) {
        scores[position] = scores[position - 1] as number;
        items[position] = items[position - 1] as number;
        position--;
      }
      scores[position] = score;
      items[position] = item;
      if (found < count) found++;
    }
    return found;
  }
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
