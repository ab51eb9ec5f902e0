import { ratedItemsOf } from '../core/recommend/catalog';
import { likedNeighbours, predictionTerms, type UserVector } from '../core/recommend/explain';
import { readUserVector } from '../core/recommend/score_vector';
import type { ExplorerContext } from './explorer_context';
import { itemIndex, userIndex } from './explorer_lookup';
import type { ExplainTarget, Explanation } from './explorer_protocol';
import { foldIn } from './visitor';

/**
 * Splits a user's or the visitor's predicted rating of a movie into its terms, and lists up
 * to five of their highest-rated movies that are most similar to it.
 */
export async function explain(
  explorer: ExplorerContext,
  target: ExplainTarget,
  movieId: number,
): Promise<Explanation> {
  const { model, catalog } = explorer.current();
  const { arrays, unitItems } = await explorer.derive();
  const item = itemIndex(catalog, movieId);

  let user: UserVector;
  let ratedItems: Int32Array;
  let ratedValues: Float32Array;
  if (target.kind === 'user') {
    const index = userIndex(catalog, target.userId);
    const vector = await readUserVector(model, index);
    user = { ...vector, isKnown: model.knownUsers[index] === 1 };
    ratedItems = ratedItemsOf(catalog, index);
    const start = catalog.rated.offsets[index] ?? 0;
    ratedValues = catalog.ratedValues.subarray(start, start + ratedItems.length);
  } else {
    const { folded, items, values } = await foldIn(explorer, target.ratings);
    user = { userBias: folded.userBias, userEmbedding: folded.userEmbedding, isKnown: true };
    ratedItems = items;
    ratedValues = values;
  }

  const terms = predictionTerms(
    user,
    arrays.itemEmbedding,
    arrays.itemBias,
    model.knownItems[item] === 1,
    item,
    model.mu,
    model.info.scale,
  );
  const neighbours = likedNeighbours(unitItems, model.k, item, ratedItems, ratedValues, 5);
  return {
    movieId,
    title: catalog.movies?.get(movieId)?.title ?? null,
    terms,
    neighbours: neighbours.map((entry) => {
      const neighbourId = catalog.items.rawId(entry.item);
      return {
        movieId: neighbourId,
        title: catalog.movies?.get(neighbourId)?.title ?? null,
        rating: entry.rating,
        similarity: entry.similarity,
      };
    }),
  };
}
