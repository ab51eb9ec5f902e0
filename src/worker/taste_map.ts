import { projectPca2d } from '../core/eval/pca';
import type { ExplorerContext } from './explorer_context';
import type { TasteMap } from './explorer_protocol';

/** Upper bound on the map's points, which keeps the reply small. */
const MAX_MAP_POINTS = 20_000;

/** Projects the most-rated known movies' embeddings on the first two principal components. */
export async function tasteMap(explorer: ExplorerContext, maxPoints: number): Promise<TasteMap> {
  const { model, catalog } = explorer.current();
  const { arrays, byPopularity } = await explorer.derive();
  const known = Array.from(byPopularity).filter((item) => model.knownItems[item] === 1);
  const shown = known.slice(0, Math.max(2, Math.min(maxPoints, MAX_MAP_POINTS)));

  const k = model.k;
  const rows = new Float32Array(shown.length * k);
  shown.forEach((item, row) =>
    rows.set(arrays.itemEmbedding.subarray(item * k, (item + 1) * k), row * k),
  );
  const projection = projectPca2d(rows, shown.length, k);
  const movieIds = Int32Array.from(shown, (item) => catalog.items.rawId(item));
  return {
    movieIds,
    x: projection.x,
    y: projection.y,
    titles: Array.from(movieIds, (id) => catalog.movies?.get(id)?.title ?? null),
    genres: Array.from(movieIds, (id) => catalog.movies?.get(id)?.genres[0] ?? ''),
    shown: shown.length,
    total: known.length,
    explained: projection.explained,
  };
}
