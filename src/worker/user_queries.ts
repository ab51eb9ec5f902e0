/** The explorer's requests about one user of the data set: their ratings and recommendations. */
import { ratedByUser, ratedItemsOf } from '../core/recommend/catalog';
import { readUserVector, recommendForVector } from '../core/recommend/score_vector';
import { recommendTopN } from '../core/recommend/top_n';
import type { ExplorerContext } from './explorer_context';
import { clampCount, movieRow, userIndex } from './explorer_lookup';
import type { MovieFilter, RecommendedRow } from './explorer_protocol';
import { filterMask } from './movie_filter';
import type { MovieRow } from './protocol';

export async function ratedMovies(explorer: ExplorerContext, userId: number): Promise<MovieRow[]> {
  const catalog = explorer.current().catalog;
  const user = userIndex(catalog, userId);
  return ratedByUser(catalog, user).map(({ item, rating }) => movieRow(catalog, item, rating));
}

export async function recommend(
  explorer: ExplorerContext,
  userId: number,
  count: number,
): Promise<MovieRow[]> {
  const { model, catalog } = explorer.current();
  const user = userIndex(catalog, userId);
  // Every movie the user rated is left out, not only the training ones, because the
  // explorer lists movies the user has not seen.
  const { items, scores } = await recommendTopN(model, user, count, ratedItemsOf(catalog, user));
  return Array.from(items, (item, rank) => movieRow(catalog, item, scores[rank] as number));
}

export async function recommendFiltered(
  explorer: ExplorerContext,
  userId: number,
  count: number,
  filter: MovieFilter,
): Promise<RecommendedRow[]> {
  const { model, catalog } = explorer.current();
  const user = userIndex(catalog, userId);
  const { ratingCounts } = await explorer.derive();
  const excluded = filterMask(catalog, filter, ratingCounts);
  for (const item of ratedItemsOf(catalog, user)) excluded[item] = 1;

  const vector = await readUserVector(model, user);
  const top = await recommendForVector(
    model,
    vector.userBias,
    vector.userEmbedding,
    clampCount(count),
    excluded,
  );
  return Array.from(top.items, (item, rank) => movieRow(catalog, item, top.scores[rank] as number));
}
