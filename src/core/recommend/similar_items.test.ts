import { describe, expect, it } from 'vitest';
import { countRatingsPerItem, nearestByCosine, unitRows } from './similar_items';

describe('nearestByCosine', () => {
  // Five items with k = 2. Item 0 points along x; item 1 at 45°, item 2 at 90°, item 3
  // opposite item 0, item 4 along x but ten times longer (cosine ignores length).
  const embedding = Float32Array.of(1, 0, 1, 1, 0, 2, -3, 0, 10, 0);
  const unit = unitRows(embedding, 2);
  const all = Uint8Array.of(1, 1, 1, 1, 1);

  it('ranks items by cosine similarity', () => {
    const result = nearestByCosine(unit, 2, 0, 4, all);
    expect(Array.from(result.items)).toEqual([4, 1, 2, 3]);
    expect(result.similarities[0]).toBeCloseTo(1, 6);
    expect(result.similarities[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(result.similarities[2]).toBeCloseTo(0, 6);
    expect(result.similarities[3]).toBeCloseTo(-1, 6);
  });

  it('skips ineligible items and the target', () => {
    const result = nearestByCosine(unit, 2, 0, 10, Uint8Array.of(1, 1, 0, 1, 0));
    expect(Array.from(result.items)).toEqual([1, 3]);
  });

  it('gives a zero row similarity 0', () => {
    const withZero = unitRows(Float32Array.of(1, 0, 0, 0, -1, 0), 2);
    const result = nearestByCosine(withZero, 2, 0, 2, Uint8Array.of(1, 1, 1));
    expect(Array.from(result.items)).toEqual([1, 2]);
    expect(result.similarities[0]).toBe(0);
  });

  it('rejects a target outside the table', () => {
    expect(() => nearestByCosine(unit, 2, 5, 1, all)).toThrow(
      expect.objectContaining({ code: 'invalid-format' }),
    );
  });
});

describe('countRatingsPerItem', () => {
  it('counts each item index', () => {
    expect(Array.from(countRatingsPerItem(Int32Array.of(2, 0, 2, 2), 4))).toEqual([1, 0, 3, 0]);
  });
});
