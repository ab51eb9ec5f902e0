import { nearestByCosine } from '../core/recommend/similar_items';
import type { ExplorerContext } from './explorer_context';
import { clampCount, itemIndex } from './explorer_lookup';
import type { SimilarMovieRow } from './explorer_protocol';

/** Ranks the movies whose item embeddings are nearest to the movie's by cosine similarity. */
export async function similarMovies(
  explorer: ExplorerContext,
  movieId: number,
  count: number,
  minRatings: number,
): Promise<SimilarMovieRow[]> {
  const { model, catalog } = explorer.current();
  const { unitItems, ratingCounts } = await explorer.derive();
  const target = itemIndex(catalog, movieId);

  const eligible = new Uint8Array(model.info.items);
  for (let item = 0; item < eligible.length; item++) {
    eligible[item] =
      model.knownItems[item] === 1 && (ratingCounts[item] as number) >= minRatings ? 1 : 0;
  }
  const nearest = nearestByCosine(unitItems, model.k, target, clampCount(count), eligible);
  return Array.from(nearest.items, (item, rank) => {
    const movieId = catalog.items.rawId(item);
    const movie = catalog.movies?.get(movieId);
    return {
      movieId,
      title: movie?.title ?? null,
      genres: movie ? [...movie.genres] : [],
      similarity: nearest.similarities[rank] as number,
      ratings: ratingCounts[item] as number,
    };
  });
}
