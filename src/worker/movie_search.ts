/**
 * Finding movies in the catalogue: the genres and years the filters offer, title search, and
 * the starter set a new visitor rates first.
 */
import type { Catalog } from '../core/recommend/catalog';
import type { ExplorerContext } from './explorer_context';
import { clampCount } from './explorer_lookup';
import type { FoundMovie, MovieFacets } from './explorer_protocol';

export async function movieFacets(explorer: ExplorerContext): Promise<MovieFacets> {
  const { model, catalog } = explorer.current();
  const genres = new Set<string>();
  let minYear: number | null = null;
  let maxYear: number | null = null;
  for (const rawId of catalog.items.toArray()) {
    const movie = catalog.movies?.get(rawId);
    if (movie === undefined) continue;
    for (const genre of movie.genres) genres.add(genre);
    if (movie.year !== null) {
      minYear = minYear === null ? movie.year : Math.min(minYear, movie.year);
      maxYear = maxYear === null ? movie.year : Math.max(maxYear, movie.year);
    }
  }
  return {
    genres: [...genres].sort((a, b) => a.localeCompare(b)),
    minYear,
    maxYear,
    scale: { ...model.info.scale },
  };
}

export async function searchMovies(
  explorer: ExplorerContext,
  query: string,
  limit: number,
): Promise<FoundMovie[]> {
  const { catalog } = explorer.current();
  const { byPopularity, ratingCounts } = await explorer.derive();
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [];

  const found: FoundMovie[] = [];
  for (const item of byPopularity) {
    const movieId = catalog.items.rawId(item);
    const title = catalog.movies?.get(movieId)?.title ?? `Movie ${movieId}`;
    const lower = title.toLowerCase();
    if (!words.every((word) => lower.includes(word))) continue;
    found.push(foundMovie(catalog, item, ratingCounts));
    if (found.length >= clampCount(limit)) break;
  }
  return found;
}

export async function starterMovies(
  explorer: ExplorerContext,
  count: number,
): Promise<FoundMovie[]> {
  const { catalog, model } = explorer.current();
  const { byPopularity, ratingCounts } = await explorer.derive();
  const wanted = clampCount(count);

  // Round-robin over first genres, each round taking every genre's most-rated unpicked
  // movie, so the set covers many tastes and the visitor is likely to know each movie.
  const pool = Array.from(byPopularity.subarray(0, Math.max(wanted * 10, 100))).filter(
    (item) => model.knownItems[item] === 1,
  );
  const queues = new Map<string, number[]>();
  for (const item of pool) {
    const genre = catalog.movies?.get(catalog.items.rawId(item))?.genres[0] ?? '';
    const queue = queues.get(genre) ?? [];
    queue.push(item);
    queues.set(genre, queue);
  }
  const picked: number[] = [];
  while (picked.length < wanted && [...queues.values()].some((queue) => queue.length > 0)) {
    const round = [...queues.values()]
      .map((queue) => queue.shift())
      .filter((item): item is number => item !== undefined)
      .sort((a, b) => (ratingCounts[b] as number) - (ratingCounts[a] as number));
    picked.push(...round.slice(0, wanted - picked.length));
  }
  return picked.map((item) => foundMovie(catalog, item, ratingCounts));
}

function foundMovie(catalog: Catalog, item: number, ratingCounts: Int32Array): FoundMovie {
  const movieId = catalog.items.rawId(item);
  const movie = catalog.movies?.get(movieId);
  return {
    movieId,
    title: movie?.title ?? null,
    genres: movie ? [...movie.genres] : [],
    year: movie?.year ?? null,
    ratings: ratingCounts[item] as number,
  };
}
