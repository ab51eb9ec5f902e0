/**
 * A new visitor who is not in the data set: fits their b_u and p_u against the frozen item
 * parameters (fold-in) from the ratings they gave in the page. Then ranks the movies that the
 * filter keeps.
 */
import { foldInUser, type FoldedUser } from '../core/recommend/fold_in';
import { recommendForVector } from '../core/recommend/score_vector';
import type { ExplorerContext } from './explorer_context';
import { clampCount, movieRow } from './explorer_lookup';
import type { MovieFilter, VisitorRating, VisitorRecommendations } from './explorer_protocol';
import { filterMask } from './movie_filter';

export async function recommendForVisitor(
  explorer: ExplorerContext,
  ratings: VisitorRating[],
  count: number,
  filter: MovieFilter,
): Promise<VisitorRecommendations> {
  const started = performance.now();
  const { model, catalog } = explorer.current();
  const { folded, items } = await foldIn(explorer, ratings);

  const { ratingCounts } = await explorer.derive();
  const excluded = filterMask(catalog, filter, ratingCounts);
  for (const item of items) excluded[item] = 1;
  const top = await recommendForVector(
    model,
    folded.userBias,
    folded.userEmbedding,
    clampCount(count),
    excluded,
  );
  return {
    rows: Array.from(top.items, (item, rank) =>
      movieRow(catalog, item, top.scores[rank] as number),
    ),
    userBias: folded.userBias,
    used: folded.used,
    milliseconds: performance.now() - started,
  };
}

/** Fits the visitor against the frozen items; ids the model does not know are skipped. */
export async function foldIn(
  explorer: ExplorerContext,
  ratings: VisitorRating[],
): Promise<{ folded: FoldedUser; items: Int32Array; values: Float32Array }> {
  const { catalog, config } = explorer.current();
  const { arrays } = await explorer.derive();
  const items: number[] = [];
  const values: number[] = [];
  for (const { movieId, rating } of ratings) {
    const item = catalog.items.indexOf(movieId);
    if (item < 0 || !Number.isFinite(rating)) continue;
    items.push(item);
    values.push(rating);
  }
  const rated = { items: Int32Array.from(items), ratings: Float32Array.from(values) };
  const folded = foldInUser(arrays, rated, {
    l2: config.l2,
    biasL2: config.biasL2 ?? config.l2,
  });
  return { folded, items: rated.items, values: rated.ratings };
}
