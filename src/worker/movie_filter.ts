import type { Catalog } from '../core/recommend/catalog';
import type { MovieFilter } from './explorer_protocol';

/**
 * Marks (with 1) the items the filter leaves out. Genre and year need a movies file and are
 * ignored without one; the minimum number of ratings always applies.
 */
export function filterMask(
  catalog: Catalog,
  filter: MovieFilter,
  ratingCounts: Int32Array,
): Uint8Array {
  const rawIds = catalog.items.toArray();
  const excluded = new Uint8Array(rawIds.length);
  const { genre, yearFrom, yearTo, minRatings } = filter;
  const filtersMetadata =
    catalog.movies !== null && (genre !== null || yearFrom !== null || yearTo !== null);

  rawIds.forEach((rawId, item) => {
    if ((ratingCounts[item] ?? 0) < minRatings) {
      excluded[item] = 1;
      return;
    }
    if (!filtersMetadata) return;
    const movie = catalog.movies?.get(rawId);
    const year = movie?.year ?? null;
    const isKept =
      (genre === null || (movie?.genres.includes(genre) ?? false)) &&
      (yearFrom === null || (year !== null && year >= yearFrom)) &&
      (yearTo === null || (year !== null && year <= yearTo));
    if (!isKept) excluded[item] = 1;
  });
  return excluded;
}
