import { LfmError } from '../errors';

/** Rows projected on the first two principal components. */
export interface Projection2d {
  x: Float32Array;
  y: Float32Array;
  /** Share of the total variance along each component, in [0, 1]. */
  explained: [number, number];
}

/** Power iterations per component; the covariance is at most 512 x 512, so this is cheap. */
const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-10;

/**
 * Projects the rows of a row-major rows x columns matrix on its first two principal
 * components: the columns are centred, the columns x columns covariance is built in
 * float64, and its two leading eigenvectors are found by power iteration with deflation.
 * Each eigenvector's sign is fixed so that its largest-magnitude entry is positive, so the
 * same matrix always gives the same picture. A matrix with one column gives y = 0.
 */
export function projectPca2d(matrix: Float32Array, rows: number, columns: number): Projection2d {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1) {
    throw new LfmError(
      'invalid-format',
      `PCA: rows and columns must be positive integers, got ${rows} and ${columns}.`,
    );
  }
  if (matrix.length !== rows * columns) {
    throw new LfmError(
      'invalid-format',
      `PCA: the matrix must have rows x columns = ${rows * columns} values, got ${matrix.length}.`,
    );
  }

  const means = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      means[column] = (means[column] as number) + (matrix[row * columns + column] as number);
    }
  }
  for (let column = 0; column < columns; column++) means[column] = (means[column] as number) / rows;

  const covariance = new Float64Array(columns * columns);
  const centred = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      centred[column] = (matrix[row * columns + column] as number) - (means[column] as number);
    }
    for (let a = 0; a < columns; a++) {
      const value = centred[a] as number;
      for (let b = 0; b <= a; b++) {
        covariance[a * columns + b] =
          (covariance[a * columns + b] as number) + value * (centred[b] as number);
      }
    }
  }
  let totalVariance = 0;
  for (let a = 0; a < columns; a++) {
    for (let b = 0; b < a; b++) covariance[b * columns + a] = covariance[a * columns + b] as number;
    totalVariance += covariance[a * columns + a] as number;
  }

  const first = leadingEigenvector(covariance, columns);
  deflate(covariance, columns, first);
  const second =
    columns > 1
      ? leadingEigenvector(covariance, columns)
      : { vector: new Float64Array(1), value: 0 };

  const x = new Float32Array(rows);
  const y = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let along1 = 0;
    let along2 = 0;
    for (let column = 0; column < columns; column++) {
      const value = (matrix[row * columns + column] as number) - (means[column] as number);
      along1 += value * (first.vector[column] as number);
      along2 += value * (second.vector[column] as number);
    }
    x[row] = along1;
    y[row] = along2;
  }

  const share = (value: number) => (totalVariance > 0 ? Math.max(0, value) / totalVariance : 0);
  return { x, y, explained: [share(first.value), share(second.value)] };
}

function leadingEigenvector(
  matrix: Float64Array,
  size: number,
): { vector: Float64Array; value: number } {
  // A fixed, non-symmetric start makes it unlikely to be orthogonal to the leading vector.
  let vector: Float64Array = new Float64Array(size);
  for (let index = 0; index < size; index++) vector[index] = 1 + index / size;
  normalise(vector);

  let value = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = multiply(matrix, size, vector);
    const length = normalise(next);
    if (length === 0) return { vector: new Float64Array(size), value: 0 };
    let change = 0;
    for (let index = 0; index < size; index++) {
      change = Math.max(change, Math.abs((next[index] as number) - (vector[index] as number)));
    }
    vector = next;
    value = length;
    if (change < TOLERANCE) break;
  }

  let largest = 0;
  for (let index = 0; index < size; index++) {
    if (Math.abs(vector[index] as number) > Math.abs(vector[largest] as number)) largest = index;
  }
  if ((vector[largest] as number) < 0)
    for (let index = 0; index < size; index++) vector[index] = -(vector[index] as number);
  // The Rayleigh quotient is the eigenvalue, also when the power iteration has not settled.
  const product = multiply(matrix, size, vector);
  let rayleigh = 0;
  for (let index = 0; index < size; index++)
    rayleigh += (product[index] as number) * (vector[index] as number);
  return { vector, value: Math.max(value === 0 ? 0 : rayleigh, 0) };
}

function multiply(matrix: Float64Array, size: number, vector: Float64Array): Float64Array {
  const result = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = 0;
    for (let column = 0; column < size; column++) {
      sum += (matrix[row * size + column] as number) * (vector[column] as number);
    }
    result[row] = sum;
  }
  return result;
}

/** Scales the vector to unit length in place and returns its previous length. */
function normalise(vector: Float64Array): number {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const length = Math.sqrt(squares);
  if (length > 0)
    for (let index = 0; index < vector.length; index++)
      vector[index] = (vector[index] as number) / length;
  return length;
}

/** Removes the found component: C ← C − λ v vᵀ. */
function deflate(
  matrix: Float64Array,
  size: number,
  found: { vector: Float64Array; value: number },
): void {
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      matrix[row * size + column] =
        (matrix[row * size + column] as number) -
        found.value * (found.vector[row] as number) * (found.vector[column] as number);
    }
  }
}
