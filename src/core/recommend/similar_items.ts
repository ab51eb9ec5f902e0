import { LfmError } from '../errors';

/** Nearest items, most similar first, with their cosine similarity. */
export interface Neighbours {
  items: Int32Array;
  similarities: Float32Array;
}

/**
 * Scales each row of an items x k matrix to unit length, so that a dot product of two rows
 * is their cosine similarity. An all-zero row stays zero (similarity 0 to everything).
 */
export function unitRows(matrix: Float32Array, k: number): Float32Array {
  const rows = matrix.length / k;
  const unit = new Float32Array(matrix.length);
  for (let row = 0; row < rows; row++) {
    let squares = 0;
    for (let factor = 0; factor < k; factor++) {
      const value = matrix[row * k + factor] as number;
      squares += value * value;
    }
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let factor = 0; factor < k; factor++) {
      unit[row * k + factor] = (matrix[row * k + factor] as number) * scale;
    }
  }
  return unit;
}

/**
 * Returns the `count` items whose embeddings have the highest cosine similarity to item
 * `target`, among the items with `eligible[i] = 1`, never the target itself. `unit` must
 * come from `unitRows`. Ties keep the lower index first.
 */
export function nearestByCosine(
  unit: Float32Array,
  k: number,
  target: number,
  count: number,
  eligible: Uint8Array,
): Neighbours {
  const items = unit.length / k;
  if (!Number.isInteger(target) || target < 0 || target >= items) {
    throw new LfmError(
      'invalid-format',
      `Similar items: the target must be an item index below ${items}, got ${target}.`,
      { value: String(target) },
    );
  }

  const candidates: { item: number; similarity: number }[] = [];
  for (let item = 0; item < items; item++) {
    if (item === target || eligible[item] !== 1) continue;
    candidates.push({ item, similarity: cosineOfUnitRows(unit, k, target, item) });
  }
  candidates.sort((a, b) => b.similarity - a.similarity || a.item - b.item);
  const top = candidates.slice(0, Math.max(0, count));
  return {
    items: Int32Array.from(top, (entry) => entry.item),
    similarities: Float32Array.from(top, (entry) => entry.similarity),
  };
}

/** Dot product of rows `a` and `b` of a unit-row matrix: their cosine similarity. */
export function cosineOfUnitRows(unit: Float32Array, k: number, a: number, b: number): number {
  let dot = 0;
  for (let factor = 0; factor < k; factor++) {
    dot += (unit[a * k + factor] as number) * (unit[b * k + factor] as number);
  }
  return dot;
}

/** Number of ratings per item in a CSR table of item indices. */
export function countRatingsPerItem(indices: Int32Array, items: number): Int32Array {
  const counts = new Int32Array(items);
  for (const item of indices) counts[item]! += 1;
  return counts;
}
