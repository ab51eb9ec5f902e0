/**
 * Lookups the explorer's requests share: raw ids to dense indices, with errors the page can
 * show, the bound on list lengths, and the table row of a movie.
 */
import { LfmError } from '../core/errors';
import type { Catalog } from '../core/recommend/catalog';
import type { MovieRow } from './protocol';

/** Upper bound that keeps one request's reply small. */
const MAX_LIST = 1000;

export function userIndex(catalog: Catalog, userId: number): number {
  const user = catalog.users.indexOf(userId);
  if (user < 0) {
    throw new LfmError(
      'unknown-user',
      `Explorer: user ${userId} is not in ${catalog.datasetName}. Pick a user id from the list.`,
      { value: String(userId) },
    );
  }
  return user;
}

export function itemIndex(catalog: Catalog, movieId: number): number {
  const item = catalog.items.indexOf(movieId);
  if (item < 0) {
    throw new LfmError(
      'invalid-format',
      `Explorer: movie ${movieId} is not in ${catalog.datasetName}. Pick a movie from a table.`,
      { value: String(movieId) },
    );
  }
  return item;
}

export function clampCount(count: number): number {
  return Number.isFinite(count) ? Math.max(0, Math.min(MAX_LIST, Math.floor(count))) : 0;
}

/**
 * Builds a table row, also used as a `RecommendedRow`. `rating` is the user's rating or the
 * predicted one.
 */
export function movieRow(catalog: Catalog, item: number, rating: number): MovieRow {
  const movieId = catalog.items.rawId(item);
  const movie = catalog.movies?.get(movieId);
  return { movieId, title: movie?.title ?? null, genres: movie ? [...movie.genres] : [], rating };
}
