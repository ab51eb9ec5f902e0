import type { LfmModel } from '../model/lfm_model';
import { topNForUsers } from './batch_top_n';
import type { SeenItems } from './seen_items';

/** Top-N lists of every user, flattened: entry j is rank `rank[j]` (1-based) of user `user[j]`. */
export interface AllRecommendations {
  user: Int32Array;
  rank: Int32Array;
  item: Int32Array;
  score: Float32Array;
}

/**
 * Computes the `count` best unseen items of every user, with their clipped predicted ratings,
 * through `topNForUsers`. A user with fewer unseen items gets a shorter list.
 */
export async function recommendAllUsers(
  model: LfmModel,
  count: number,
  seen: SeenItems,
): Promise<AllRecommendations> {
  const { users, items } = model.info;
  const size = Math.max(0, Math.min(count, items));
  if (size === 0 || users === 0) {
    const empty = new Int32Array(0);
    return { user: empty, rank: empty, item: empty, score: new Float32Array(0) };
  }

  const allUsers = Int32Array.from({ length: users }, (_, user) => user);
  const top = await topNForUsers(model, allUsers, size, seen);
  const kept: number[] = [];
  top.items.forEach((item, entry) => {
    if (item >= 0) kept.push(entry);
  });
  return {
    user: Int32Array.from(kept, (entry) => Math.floor(entry / size)),
    rank: Int32Array.from(kept, (entry) => (entry % size) + 1),
    item: Int32Array.from(kept, (entry) => top.items[entry] as number),
    score: Float32Array.from(kept, (entry) => top.scores[entry] as number),
  };
}
