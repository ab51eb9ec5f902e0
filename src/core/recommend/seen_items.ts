import type { RatingTriples } from '../data/dataset';

/**
 * The items each user rated, in compressed sparse row form: the items of user u are
 * `indices[offsets[u]]` up to (not including) `indices[offsets[u + 1]]`, in ascending order.
 */
export interface SeenItems {
  /** Length users + 1; offsets[0] is 0 and offsets[users] is the number of ratings. */
  offsets: Int32Array;
  indices: Int32Array;
}

/** Groups the rated items of each user, for excluding them from recommendations. */
export function buildSeenItems(ratings: RatingTriples, users: number): SeenItems {
  const offsets = new Int32Array(users + 1);
  for (const user of ratings.user) offsets[user + 1]! += 1;
  for (let user = 0; user < users; user++) offsets[user + 1]! += offsets[user] as number;

  const indices = new Int32Array(ratings.item.length);
  const cursor = offsets.slice(0, users);
  for (let index = 0; index < ratings.item.length; index++) {
    const user = ratings.user[index] as number;
    indices[cursor[user]!++] = ratings.item[index] as number;
  }
  for (let user = 0; user < users; user++) {
    indices.subarray(offsets[user], offsets[user + 1]).sort();
  }
  return { offsets, indices };
}

/** The items user `user` rated; a view into `seen.indices`, empty for an unknown index. */
export function seenItemsOf(seen: SeenItems, user: number): Int32Array {
  if (!Number.isInteger(user) || user < 0 || user + 1 >= seen.offsets.length) {
    return new Int32Array(0);
  }
  return seen.indices.subarray(seen.offsets[user], seen.offsets[user + 1]);
}
