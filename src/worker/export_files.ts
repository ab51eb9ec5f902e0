/** Downloads built in the worker: every user's top-N list, and the embeddings and biases. */
import { zipSync } from 'fflate';
import { datasetFileStem } from '../core/export/file_stem';
import { toCsv, type CsvValue } from '../core/export/csv';
import { encodeNpy } from '../core/export/npy';
import { recommendAllUsers } from '../core/recommend/top_n_all';
import type { ExplorerContext } from './explorer_context';
import { clampCount } from './explorer_lookup';
import type { ExportFile } from './explorer_protocol';

export async function exportRecommendations(
  explorer: ExplorerContext,
  count: number,
): Promise<ExportFile> {
  const { model, catalog } = explorer.current();
  const all = await recommendAllUsers(model, clampCount(count), catalog.rated);

  const records: CsvValue[][] = [];
  for (let index = 0; index < all.item.length; index++) {
    const movieId = catalog.items.rawId(all.item[index] as number);
    records.push([
      catalog.users.rawId(all.user[index] as number),
      all.rank[index],
      movieId,
      catalog.movies?.get(movieId)?.title ?? null,
      Math.round((all.score[index] as number) * 10_000) / 10_000,
    ]);
  }
  const text = toCsv(['user_id', 'rank', 'movie_id', 'title', 'predicted_rating'], records);
  return {
    fileName: `${datasetFileStem(catalog.datasetName)}-top${count}.csv`,
    mimeType: 'text/csv',
    bytes: new TextEncoder().encode(text),
  };
}

export async function exportEmbeddings(
  explorer: ExplorerContext,
  format: 'csv' | 'npy',
): Promise<ExportFile> {
  const { model, catalog } = explorer.current();
  const { arrays } = await explorer.derive();
  const { k } = model;
  const base = datasetFileStem(catalog.datasetName);

  if (format === 'npy') {
    const { users, items } = model.info;
    // Row r of the user arrays belongs to raw user id user_ids[r]; the same for items. A
    // prediction is global_mean + user_bias[u] + item_bias[i] + user_embedding[u] . item_embedding[i].
    const files = {
      'user_embedding.npy': encodeNpy(arrays.userEmbedding, [users, k]),
      'item_embedding.npy': encodeNpy(arrays.itemEmbedding, [items, k]),
      'user_bias.npy': encodeNpy(arrays.userBias, [users]),
      'item_bias.npy': encodeNpy(arrays.itemBias, [items]),
      'global_mean.npy': encodeNpy(Float32Array.of(model.mu), []),
      'user_ids.npy': encodeNpy(catalog.users.toArray(), [users]),
      'item_ids.npy': encodeNpy(catalog.items.toArray(), [items]),
    };
    return {
      fileName: `${base}-embeddings-npy.zip`,
      mimeType: 'application/zip',
      bytes: zipSync(files, { level: 0 }),
    };
  }

  const factorNames = Array.from({ length: k }, (_, factor) => `f${factor + 1}`);
  // The first row carries the global mean in its bias column, so the file alone rebuilds
  // every prediction: mean + user bias + movie bias + user factors . movie factors.
  const records: CsvValue[][] = [
    ['global_mean', null, null, model.mu, ...factorNames.map(() => null)],
  ];
  catalog.users.toArray().forEach((userId, user) => {
    records.push([
      'user',
      userId,
      null,
      arrays.userBias[user],
      ...arrays.userEmbedding.subarray(user * k, (user + 1) * k),
    ]);
  });
  catalog.items.toArray().forEach((movieId, item) => {
    records.push([
      'movie',
      movieId,
      catalog.movies?.get(movieId)?.title ?? null,
      arrays.itemBias[item],
      ...arrays.itemEmbedding.subarray(item * k, (item + 1) * k),
    ]);
  });
  return {
    fileName: `${base}-embeddings.csv`,
    mimeType: 'text/csv',
    bytes: new TextEncoder().encode(
      toCsv(['kind', 'id', 'title', 'bias', ...factorNames], records),
    ),
  };
}
