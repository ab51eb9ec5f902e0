/**
 * The explorer's requests, run in the worker on the current model: a new visitor's fold-in,
 * filtered recommendations, similar movies, explanations, the taste map, error views and
 * exports. The session owns the model and delegates here; this class only reads it.
 */
import { zipSync } from 'fflate';
import type { RatingTriples } from '../core/data/dataset';
import type { RatingSplit } from '../core/data/split';
import { LfmError } from '../core/errors';
import { computeErrorViews, type ErrorViews } from '../core/eval/error_views';
import { projectPca2d } from '../core/eval/pca';
import { toCsv, type CsvValue } from '../core/export/csv';
import { encodeNpy } from '../core/export/npy';
import type { TrainConfig } from '../core/model/config';
import type { LfmModel, ModelArrays } from '../core/model/lfm_model';
import { ratedItemsOf, type Catalog } from '../core/recommend/catalog';
import { likedNeighbours, predictionTerms, type UserVector } from '../core/recommend/explain';
import { foldInUser, type FoldedUser } from '../core/recommend/fold_in';
import { readUserVector, recommendForVector } from '../core/recommend/score_vector';
import { countRatingsPerItem, nearestByCosine, unitRows } from '../core/recommend/similar_items';
import { recommendAllUsers } from '../core/recommend/top_n_all';
import type {
  ExplainTarget,
  Explanation,
  ExplorerApi,
  ExportFile,
  FoundMovie,
  MovieFacets,
  MovieFilter,
  RecommendedRow,
  SimilarMovieRow,
  TasteMap,
  VisitorRating,
  VisitorRecommendations,
} from './explorer_protocol';

/** The parts of the session's trained state that the explorer reads. */
export interface ExplorerModel {
  model: LfmModel;
  catalog: Catalog;
  config: TrainConfig;
  /** Inputs of the error views from the model's split; absent for a model loaded from a file. */
  errorInputs?: ErrorViewInputs | null;
}

/** The test part of the split a model was trained on, and training ratings per user. */
export interface ErrorViewInputs {
  test: RatingTriples;
  /** Number of training ratings of each user index. */
  trainCounts: Int32Array;
}

/**
 * Keeps what the error views need of a split, so that the training and validation parts
 * (90% of the ratings, 270 MB at ML-25M's size) can be freed after training.
 */
export function errorViewInputs(split: RatingSplit, users: number): ErrorViewInputs {
  const trainCounts = new Int32Array(users);
  for (const user of split.train.user) trainCounts[user]! += 1;
  return { test: split.test, trainCounts };
}

/** Values derived once per model, because each request would otherwise recompute them. */
interface Derived {
  arrays: ModelArrays;
  /** Q with unit rows, for cosine similarity. */
  unitItems: Float32Array;
  /** Ratings per item in the catalogue (all loaded ratings, not only the training part). */
  ratingCounts: Int32Array;
  /** Item indices, most-rated first. */
  byPopularity: Int32Array;
  errorViews?: ErrorViews | null;
}

/** Upper bounds that keep one request's reply small. */
const MAX_LIST = 1000;
const MAX_MAP_POINTS = 20_000;

export class ExplorerService implements ExplorerApi {
  private derived = new WeakMap<LfmModel, Promise<Derived>>();

  constructor(private readonly current: () => ExplorerModel) {}

  async movieFacets(): Promise<MovieFacets> {
    const { model, catalog } = this.current();
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

  async searchMovies(query: string, limit: number): Promise<FoundMovie[]> {
    const { catalog } = this.current();
    const { byPopularity, ratingCounts } = await this.derive();
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

  async starterMovies(count: number): Promise<FoundMovie[]> {
    const { catalog, model } = this.current();
    const { byPopularity, ratingCounts } = await this.derive();
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

  async recommendFiltered(
    userId: number,
    count: number,
    filter: MovieFilter,
  ): Promise<RecommendedRow[]> {
    const { model, catalog } = this.current();
    const user = userIndex(catalog, userId);
    const { ratingCounts } = await this.derive();
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
    return Array.from(top.items, (item, rank) =>
      recommendedRow(catalog, item, top.scores[rank] as number),
    );
  }

  async recommendForVisitor(
    ratings: VisitorRating[],
    count: number,
    filter: MovieFilter,
  ): Promise<VisitorRecommendations> {
    const started = performance.now();
    const { model, catalog } = this.current();
    const { folded, items } = await this.foldIn(ratings);

    const { ratingCounts } = await this.derive();
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
        recommendedRow(catalog, item, top.scores[rank] as number),
      ),
      userBias: folded.userBias,
      used: folded.used,
      milliseconds: performance.now() - started,
    };
  }

  async similarMovies(
    movieId: number,
    count: number,
    minRatings: number,
  ): Promise<SimilarMovieRow[]> {
    const { model, catalog } = this.current();
    const { unitItems, ratingCounts } = await this.derive();
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

  async explain(target: ExplainTarget, movieId: number): Promise<Explanation> {
    const { model, catalog } = this.current();
    const { arrays, unitItems } = await this.derive();
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
      const { folded, items, values } = await this.foldIn(target.ratings);
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

  async tasteMap(maxPoints: number): Promise<TasteMap> {
    const { model, catalog } = this.current();
    const { arrays, byPopularity } = await this.derive();
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

  async errorViews(): Promise<ErrorViews | null> {
    const { model, errorInputs } = this.current();
    const derived = await this.derive();
    if (derived.errorViews !== undefined) return derived.errorViews;
    if (errorInputs === undefined || errorInputs === null || errorInputs.test.rating.length === 0) {
      derived.errorViews = null;
      return null;
    }

    const { test, trainCounts } = errorInputs;
    const predicted = await model.predict(test.user, test.item);
    derived.errorViews = computeErrorViews(predicted, test.rating, test.user, trainCounts);
    return derived.errorViews;
  }

  async exportRecommendations(count: number): Promise<ExportFile> {
    const { model, catalog } = this.current();
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
      fileName: `${baseName(catalog.datasetName)}-top${count}.csv`,
      mimeType: 'text/csv',
      bytes: new TextEncoder().encode(text),
    };
  }

  async exportEmbeddings(format: 'csv' | 'npy'): Promise<ExportFile> {
    const { model, catalog } = this.current();
    const { arrays } = await this.derive();
    const { k } = model;
    const base = baseName(catalog.datasetName);

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

  /** Fits the visitor against the frozen items; ids the model does not know are skipped. */
  private async foldIn(
    ratings: VisitorRating[],
  ): Promise<{ folded: FoldedUser; items: Int32Array; values: Float32Array }> {
    const { catalog, config } = this.current();
    const { arrays } = await this.derive();
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

  private derive(): Promise<Derived> {
    const { model, catalog } = this.current();
    let derived = this.derived.get(model);
    if (derived === undefined) {
      derived = model.toArrays().then((arrays) => {
        const ratingCounts = countRatingsPerItem(catalog.rated.indices, model.info.items);
        const byPopularity = Int32Array.from(
          Array.from(ratingCounts.keys()).sort(
            (a, b) => (ratingCounts[b] as number) - (ratingCounts[a] as number) || a - b,
          ),
        );
        return {
          arrays,
          unitItems: unitRows(arrays.itemEmbedding, model.k),
          ratingCounts,
          byPopularity,
        };
      });
      this.derived.set(model, derived);
    }
    return derived;
  }
}

/**
 * Marks (with 1) the items the filter leaves out. Genre and year need a movies file and are
 * ignored without one; the minimum number of ratings always applies.
 */
function filterMask(catalog: Catalog, filter: MovieFilter, ratingCounts: Int32Array): Uint8Array {
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

function recommendedRow(catalog: Catalog, item: number, rating: number): RecommendedRow {
  const movieId = catalog.items.rawId(item);
  const movie = catalog.movies?.get(movieId);
  return { movieId, title: movie?.title ?? null, genres: movie ? [...movie.genres] : [], rating };
}

function userIndex(catalog: Catalog, userId: number): number {
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

function itemIndex(catalog: Catalog, movieId: number): number {
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

function clampCount(count: number): number {
  return Number.isFinite(count) ? Math.max(0, Math.min(MAX_LIST, Math.floor(count))) : 0;
}

/** Returns the data set's file name without its extension and with unsafe characters replaced. */
function baseName(datasetName: string): string {
  const base = datasetName
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return base === '' ? 'dataset' : base;
}
