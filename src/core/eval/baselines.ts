import type { RatingScale, RatingTriples } from '../data/dataset';
import { LfmError } from '../errors';

/** Settings of the biases-only baseline; the defaults are Surprise's BaselineOnly ALS defaults. */
export interface BiasBaselineSettings {
  /** lambda for the user biases. */
  regUser: number;
  /** lambda for the item biases. */
  regItem: number;
  iterations: number;
}

export const DEFAULT_BIAS_BASELINE: BiasBaselineSettings = {
  regUser: 15,
  regItem: 10,
  iterations: 10,
};

/** The fitted biases-only model r̂_ui = mu + b_u + b_i, with b = 0 for unknown ids. */
export interface BiasBaseline {
  mu: number;
  userBias: Float32Array;
  itemBias: Float32Array;
}

/** Mean of the training ratings. Throws `no-ratings` for an empty set. */
export function globalMean(train: RatingTriples): number {
  if (train.rating.length === 0) {
    throw new LfmError('no-ratings', 'Baseline: the training set must contain ratings, got none.');
  }
  let sum = 0;
  for (const rating of train.rating) sum += rating;
  return sum / train.rating.length;
}

/**
 * Fits mu + b_u + b_i by alternating least squares, as Surprise's BaselineOnly does:
 * each iteration sets every item bias to sum(r_ui - mu - b_u) / (regItem + |U_i|) over
 * the item's ratings, then every user bias to sum(r_ui - mu - b_i) / (regUser + |I_u|).
 * That minimises sum (r_ui - mu - b_u - b_i)² + regUser sum b_u² + regItem sum b_i²
 * over one table while the other stays fixed.
 */
export function fitBiasBaseline(
  train: RatingTriples,
  users: number,
  items: number,
  settings: BiasBaselineSettings = DEFAULT_BIAS_BASELINE,
): BiasBaseline {
  const mu = globalMean(train);
  const userBias = new Float32Array(users);
  const itemBias = new Float32Array(items);
  const userCount = new Float64Array(users);
  const itemCount = new Float64Array(items);
  for (let index = 0; index < train.rating.length; index++) {
    userCount[train.user[index] as number]! += 1;
    itemCount[train.item[index] as number]! += 1;
  }

  const userSum = new Float64Array(users);
  const itemSum = new Float64Array(items);
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    itemSum.fill(0);
    for (let index = 0; index < train.rating.length; index++) {
      const user = train.user[index] as number;
      itemSum[train.item[index] as number]! +=
        (train.rating[index] as number) - mu - (userBias[user] as number);
    }
    for (let item = 0; item < items; item++) {
      const count = itemCount[item] as number;
      itemBias[item] = count === 0 ? 0 : (itemSum[item] as number) / (settings.regItem + count);
    }

    userSum.fill(0);
    for (let index = 0; index < train.rating.length; index++) {
      const item = train.item[index] as number;
      userSum[train.user[index] as number]! +=
        (train.rating[index] as number) - mu - (itemBias[item] as number);
    }
    for (let user = 0; user < users; user++) {
      const count = userCount[user] as number;
      userBias[user] = count === 0 ? 0 : (userSum[user] as number) / (settings.regUser + count);
    }
  }
  return { mu, userBias, itemBias };
}

/** Predictions of a biases-only model, clipped to the rating scale. */
export function predictBiasBaseline(
  baseline: BiasBaseline,
  users: Int32Array,
  items: Int32Array,
  scale: RatingScale,
): Float32Array {
  const predicted = new Float32Array(users.length);
  for (let index = 0; index < users.length; index++) {
    const rating =
      baseline.mu +
      (baseline.userBias[users[index] as number] ?? 0) +
      (baseline.itemBias[items[index] as number] ?? 0);
    predicted[index] = Math.min(scale.max, Math.max(scale.min, rating));
  }
  return predicted;
}
