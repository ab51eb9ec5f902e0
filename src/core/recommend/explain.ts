import type { RatingScale } from '../data/dataset';
import { cosineOfUnitRows } from './similar_items';

/** A predicted rating split into the terms of r̂ = μ + b_u + b_i + p_u·q_i. */
export interface PredictionTerms {
  mu: number;
  userBias: number;
  itemBias: number;
  /** p_u·q_i; 0 when the user or the item is unknown (the fallback rule). */
  latent: number;
  /** The sum of the four terms, before clipping. */
  raw: number;
  /** `raw` clipped to the rating scale: the rating the explorer shows. */
  clipped: number;
}

/** One user's side of the model: b_u and p_u, and whether the user had training ratings. */
export interface UserVector {
  userBias: number;
  userEmbedding: Float32Array;
  isKnown: boolean;
}

/**
 * Splits the prediction for `item` into its terms, applying the fallback rule: an unknown
 * user contributes neither b_u nor the latent term, and an unknown item neither b_i nor it.
 */
export function predictionTerms(
  user: UserVector,
  itemEmbedding: Float32Array,
  itemBias: Float32Array,
  itemKnown: boolean,
  item: number,
  mu: number,
  scale: RatingScale,
): PredictionTerms {
  const k = user.userEmbedding.length;
  let latent = 0;
  if (user.isKnown && itemKnown) {
    for (let factor = 0; factor < k; factor++) {
      latent +=
        (user.userEmbedding[factor] as number) * (itemEmbedding[item * k + factor] as number);
    }
  }
  const userBias = user.isKnown ? user.userBias : 0;
  const bias = itemKnown ? (itemBias[item] as number) : 0;
  const raw = mu + userBias + bias + latent;
  return {
    mu,
    userBias,
    itemBias: bias,
    latent,
    raw,
    clipped: Math.min(scale.max, Math.max(scale.min, raw)),
  };
}

/** A movie the user rated, with its cosine similarity to the explained item. */
export interface RatedNeighbour {
  item: number;
  rating: number;
  similarity: number;
}

/**
 * Picks the user's highest-rated movies that are most similar to `item`: the ratings at or
 * above the user's 75th percentile (so a harsh rater still has some), ranked by cosine
 * similarity of the embeddings, the best `count` of them. `unit` comes from `unitRows`.
 */
export function likedNeighbours(
  unit: Float32Array,
  k: number,
  item: number,
  ratedItems: Int32Array,
  ratedValues: Float32Array,
  count: number,
): RatedNeighbour[] {
  if (ratedItems.length === 0) return [];
  const sorted = Float32Array.from(ratedValues).sort();
  const threshold = sorted[Math.floor((sorted.length - 1) * 0.75)] as number;

  const liked: RatedNeighbour[] = [];
  for (let index = 0; index < ratedItems.length; index++) {
    const rated = ratedItems[index] as number;
    const rating = ratedValues[index] as number;
    if (rated === item || rating < threshold) continue;
    liked.push({ item: rated, rating, similarity: cosineOfUnitRows(unit, k, item, rated) });
  }
  liked.sort((a, b) => b.similarity - a.similarity || b.rating - a.rating || a.item - b.item);
  return liked.slice(0, Math.max(0, count));
}
