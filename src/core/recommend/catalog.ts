import type { Dataset, Movie, RatingTriples } from '../data/dataset';
import { IdMap } from '../data/id_map';
import type { SeenItems } from './seen_items';

/**
 * The explorer's data besides the model: id maps, every rating of every user (to show them
 * and to leave rated movies out of recommendations) and the movie metadata. It is built from
 * a loaded data set or read back from a model file.
 */
export interface Catalog {
  datasetName: string;
  users: IdMap;
  items: IdMap;
  /** All ratings grouped by user; `rated.indices` are item indices. */
  rated: SeenItems;
  /** The rating of each entry of `rated.indices`. */
  ratedValues: Float32Array;
  movies: Map<number, Movie> | null;
}

/** A rated or recommended movie by dense item index. */
export interface ItemScore {
  item: number;
  rating: number;
}

/** Groups all ratings by user in CSR form, keeping each rating next to its item. */
export function groupRatingsByUser(
  ratings: RatingTriples,
  users: number,
): { rated: SeenItems; ratedValues: Float32Array } {
  const offsets = new Int32Array(users + 1);
  for (const user of ratings.user) offsets[user + 1]! += 1;
  for (let user = 0; user < users; user++) offsets[user + 1]! += offsets[user] as number;

  const indices = new Int32Array(ratings.item.length);
  const ratedValues = new Float32Array(ratings.item.length);
  const cursor = offsets.slice(0, users);
  for (let index = 0; index < ratings.item.length; index++) {
    const slot = cursor[ratings.user[index] as number]!++;
    indices[slot] = ratings.item[index] as number;
    ratedValues[slot] = ratings.rating[index] as number;
  }
  return { rated: { offsets, indices }, ratedValues };
}

export function catalogFromDataset(dataset: Dataset): Catalog {
  const { rated, ratedValues } = groupRatingsByUser(dataset.ratings, dataset.users.size);
  return {
    datasetName: dataset.name,
    users: dataset.users,
    items: dataset.items,
    rated,
    ratedValues,
    movies: dataset.movies,
  };
}

/** Item indices the user rated; empty for an index outside the table. */
export function ratedItemsOf(catalog: Catalog, user: number): Int32Array {
  const { offsets, indices } = catalog.rated;
  if (!Number.isInteger(user) || user < 0 || user + 1 >= offsets.length) return new Int32Array(0);
  return indices.subarray(offsets[user], offsets[user + 1]);
}

/** Lists the user's ratings, highest first, ties by item index. */
export function ratedByUser(catalog: Catalog, user: number): ItemScore[] {
  const start = catalog.rated.offsets[user] ?? 0;
  const items = ratedItemsOf(catalog, user);
  const rows: ItemScore[] = [];
  for (let offset = 0; offset < items.length; offset++) {
    rows.push({
      item: items[offset] as number,
      rating: catalog.ratedValues[start + offset] as number,
    });
  }
  return rows.sort((a, b) => b.rating - a.rating || a.item - b.item);
}

/** Raw user ids whose decimal form starts with `prefix` (all for ""), ascending, at most `limit`. */
export function findUserIds(catalog: Catalog, prefix: string, limit: number): number[] {
  const wanted = prefix.trim();
  const matches: number[] = [];
  for (const rawId of catalog.users.toArray()) {
    if (String(rawId).startsWith(wanted)) matches.push(rawId);
  }
  return matches.sort((a, b) => a - b).slice(0, Math.max(0, limit));
}
