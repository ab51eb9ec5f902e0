/**
 * Per-rating SGD for the biased LFM on plain typed arrays, shared by the fused kernels of the
 * `cpu` and `wasm` backends. Notation as in docs/notation.md.
 */

/** The four parameter tables, updated in place: P and Q row-major with `k` columns. */
export interface SgdTables {
  userEmbedding: Float32Array;
  itemEmbedding: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  k: number;
}

/** Training ratings as dense indices, and the positions to visit in order. */
export interface SgdRatings {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  /** Positions into the three arrays above, visited from `start` up to but not including `end`. */
  order: Int32Array;
  start: number;
  end: number;
}

/** Step size and the per-rating L2 strengths of the objective. */
export interface SgdSettings {
  learningRate: number;
  /** lambda, on p_u and q_i. */
  lambda: number;
  /** lambda_b, on b_u and b_i. */
  biasLambda: number;
  /** Global mean mu, a constant of the model. */
  mu: number;
}

/**
 * Sums over the visited ratings, each taken before that rating's update: (r - r̂)², |r - r̂|,
 * and lambda (|p_u|² + |q_i|²) + lambda_b (b_u² + b_i²).
 */
export interface SgdSums {
  squaredError: number;
  absoluteError: number;
  l2: number;
}

/**
 * Visits each rating once and takes one SGD step on its term of the objective
 *   (r_ui - r̂_ui)² + lambda (|p_u|² + |q_i|²) + lambda_b (b_u² + b_i²),
 * with r̂_ui = mu + b_u + b_i + p_u · q_i unclipped and e = r_ui - r̂_ui:
 *   b_u += lr (e - lambda_b b_u)        b_i += lr (e - lambda_b b_i)
 *   p_u += lr (e q_i - lambda p_u)      q_i += lr (e p_u - lambda q_i)
 * where q_i and p_u on the right are the values before the step. This is the update of
 * Surprise's SVD and of LIBMF: the factor 2 of the gradient is folded into `lr`, so a rate
 * `lr` here is a plain gradient step of `lr / 2` on the term.
 *
 * Indices are not checked here; the trainer validates the triples once before training.
 */
export function sgdPass(tables: SgdTables, data: SgdRatings, settings: SgdSettings): SgdSums {
  const { userEmbedding: p, itemEmbedding: q, userBias, itemBias, k } = tables;
  const { users, items, ratings, order } = data;
  const { learningRate: lr, lambda, biasLambda, mu } = settings;
  const embeddingShrink = 1 - lr * lambda;
  let squaredError = 0;
  let absoluteError = 0;
  let l2 = 0;

  for (let position = data.start; position < data.end; position++) {
    const index = order[position] as number;
    const user = users[index] as number;
    const item = items[index] as number;
    const userRow = user * k;
    const itemRow = item * k;

    let dot = 0;
    let userNorm = 0;
    let itemNorm = 0;
    for (let f = 0; f < k; f++) {
      const pf = p[userRow + f] as number;
      const qf = q[itemRow + f] as number;
      dot += pf * qf;
      userNorm += pf * pf;
      itemNorm += qf * qf;
    }
    const bu = userBias[user] as number;
    const bi = itemBias[item] as number;
    const error = (ratings[index] as number) - (mu + bu + bi + dot);

    squaredError += error * error;
    absoluteError += Math.abs(error);
    l2 += lambda * (userNorm + itemNorm) + biasLambda * (bu * bu + bi * bi);

    userBias[user] = bu + lr * (error - biasLambda * bu);
    itemBias[item] = bi + lr * (error - biasLambda * bi);
    const step = lr * error;
    for (let f = 0; f < k; f++) {
      const pf = p[userRow + f] as number;
      const qf = q[itemRow + f] as number;
      p[userRow + f] = embeddingShrink * pf + step * qf;
      q[itemRow + f] = embeddingShrink * qf + step * pf;
    }
  }

  return { squaredError, absoluteError, l2 };
}
