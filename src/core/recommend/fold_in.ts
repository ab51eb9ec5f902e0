import { LfmError } from '../errors';

/** The frozen item side of a trained model, as typed arrays. */
export interface ItemFactors {
  /** Q in row-major order, items x k. */
  itemEmbedding: Float32Array;
  itemBias: Float32Array;
  /** 1 where the item has at least one training rating, else 0. */
  knownItems: Uint8Array;
  k: number;
  mu: number;
}

/** The ratings of one new user, by dense item index. */
export interface FoldInRatings {
  items: Int32Array;
  ratings: Float32Array;
}

/** Regularisation of the fold-in: λ on p and λ_b on b_u, charged once per rating as in training. */
export interface FoldInSettings {
  l2: number;
  biasL2: number;
}

/** A folded-in user: the bias b_u and the embedding p (length k). */
export interface FoldedUser {
  userBias: number;
  userEmbedding: Float32Array;
  /** Ratings that took part; ratings of unknown items are left out. */
  used: number;
}

/**
 * Fits a new user's b_u and p against frozen item factors by minimising the training
 * objective restricted to that user:
 *
 *     Σ_i (r_i − μ − b_i − b_u − p·q_i)² + n λ ‖p‖² + n λ_b b_u²
 *
 * where n is the number of ratings, because the trainer charges the penalty once per rating.
 * With x = (b_u, p) and z_i = (1, q_i) the minimum solves the (k+1)×(k+1) system
 * (Σ z_i z_iᵀ + n diag(λ_b, λ, …, λ)) x = Σ z_i (r_i − μ − b_i), which is symmetric
 * positive definite when λ and λ_b are positive, so a Cholesky factorisation solves it.
 * Ratings of unknown items (no training rating, so q_i is still its random start) are left
 * out. With no usable rating the user stays at b_u = 0 and p = 0, which predicts μ + b_i.
 * Throws `invalid-format` for an item index outside the table or a negative λ.
 */
export function foldInUser(
  factors: ItemFactors,
  ratings: FoldInRatings,
  settings: FoldInSettings,
): FoldedUser {
  const { itemEmbedding, itemBias, knownItems, k, mu } = factors;
  const items = itemBias.length;
  validateFoldIn(ratings, settings, items);

  const size = k + 1;
  const normal = new Float64Array(size * size);
  const rightSide = new Float64Array(size);
  const features = new Float64Array(size);
  let used = 0;

  for (let index = 0; index < ratings.items.length; index++) {
    const item = ratings.items[index] as number;
    if (knownItems[item] !== 1) continue;
    used++;

    features[0] = 1;
    for (let factor = 0; factor < k; factor++) {
      features[factor + 1] = itemEmbedding[item * k + factor] as number;
    }
    const target = (ratings.ratings[index] as number) - mu - (itemBias[item] as number);
    // Only the lower triangle is filled; the Cholesky step reads nothing else.
    for (let row = 0; row < size; row++) {
      const featureRow = features[row] as number;
      rightSide[row] = (rightSide[row] as number) + featureRow * target;
      for (let column = 0; column <= row; column++) {
        normal[row * size + column] =
          (normal[row * size + column] as number) + featureRow * (features[column] as number);
      }
    }
  }

  if (used === 0) return { userBias: 0, userEmbedding: new Float32Array(k), used };

  normal[0] = (normal[0] as number) + used * settings.biasL2;
  for (let factor = 1; factor < size; factor++) {
    normal[factor * size + factor] =
      (normal[factor * size + factor] as number) + used * settings.l2;
  }
  const solution = solveCholesky(normal, rightSide, size);
  return {
    userBias: solution[0] as number,
    userEmbedding: Float32Array.from(solution.subarray(1)),
    used,
  };
}

/**
 * Solves A x = b for a symmetric positive definite A (row-major, size x size, only the lower
 * triangle read) by Cholesky factorisation A = L Lᵀ and two triangular solves. A pivot that is
 * not positive gets a tiny ridge (1e-10 times the largest diagonal entry), so the solution
 * stays finite. That happens when both penalties are 0 and the ratings leave a factor free.
 */
export function solveCholesky(
  matrix: Float64Array,
  rightSide: Float64Array,
  size: number,
): Float64Array {
  const lower = new Float64Array(size * size);
  let largestDiagonal = 0;
  for (let index = 0; index < size; index++) {
    largestDiagonal = Math.max(largestDiagonal, Math.abs(matrix[index * size + index] as number));
  }
  const ridge = Math.max(largestDiagonal, 1) * 1e-10;

  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row * size + column] as number;
      for (let inner = 0; inner < column; inner++) {
        sum -= (lower[row * size + inner] as number) * (lower[column * size + inner] as number);
      }
      if (row === column) {
        lower[row * size + row] = Math.sqrt(sum > ridge ? sum : ridge);
      } else {
        lower[row * size + column] = sum / (lower[column * size + column] as number);
      }
    }
  }

  // Forward substitution L y = b, then back substitution Lᵀ x = y, in place.
  const solution = Float64Array.from(rightSide);
  for (let row = 0; row < size; row++) {
    let sum = solution[row] as number;
    for (let inner = 0; inner < row; inner++) {
      sum -= (lower[row * size + inner] as number) * (solution[inner] as number);
    }
    solution[row] = sum / (lower[row * size + row] as number);
  }
  for (let row = size - 1; row >= 0; row--) {
    let sum = solution[row] as number;
    for (let inner = row + 1; inner < size; inner++) {
      sum -= (lower[inner * size + row] as number) * (solution[inner] as number);
    }
    solution[row] = sum / (lower[row * size + row] as number);
  }
  return solution;
}

function validateFoldIn(ratings: FoldInRatings, settings: FoldInSettings, items: number): void {
  if (ratings.items.length !== ratings.ratings.length) {
    throw new LfmError(
      'invalid-format',
      `Fold-in: items and ratings must have one length, got ${ratings.items.length} and ${ratings.ratings.length}.`,
    );
  }
  for (const item of ratings.items) {
    if (!Number.isInteger(item) || item < 0 || item >= items) {
      throw new LfmError(
        'invalid-format',
        `Fold-in: items must be indices below ${items}, got ${item}. Rate movies of the loaded model.`,
        { value: String(item) },
      );
    }
  }
  for (const [name, value] of [
    ['l2', settings.l2],
    ['biasL2', settings.biasL2],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw new LfmError(
        'invalid-format',
        `Fold-in: ${name} must be a finite number >= 0, got ${value}.`,
        { value: String(value) },
      );
    }
  }
}
