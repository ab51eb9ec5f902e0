import { describe, expect, it } from 'vitest';

import { triples } from '../model/test_support';
import { buildSeenItems, seenItemsOf } from './seen_items';

describe('buildSeenItems', () => {
  const seen = buildSeenItems(
    triples([
      [2, 5, 4],
      [0, 3, 1],
      [2, 1, 2],
      [0, 0, 5],
    ]),
    4,
  );

  it('builds CSR offsets', () => {
    expect(Array.from(seen.offsets)).toEqual([0, 2, 2, 4, 4]);
  });

  it('sorts each user’s items', () => {
    expect(Array.from(seenItemsOf(seen, 0))).toEqual([0, 3]);
    expect(Array.from(seenItemsOf(seen, 2))).toEqual([1, 5]);
  });

  it('returns nothing for a user without ratings', () => {
    expect(seenItemsOf(seen, 1)).toHaveLength(0);
    expect(seenItemsOf(seen, 3)).toHaveLength(0);
    expect(seenItemsOf(seen, 4)).toHaveLength(0);
  });
});
