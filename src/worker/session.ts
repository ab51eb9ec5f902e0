/**
 * The worker's session: stores the loaded data set and the trained model, and runs the core
 * for each request. It has no Comlink in it, so the same class is usable from tests.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Movie } from '../core/data/dataset';
import { IdMap } from '../core/data/id_map';
import { loadDataset } from '../core/data/load_dataset';
import { splitRandom } from '../core/data/split';
import { generateDemoDataset } from '../core/data/synthetic';
import { LfmError, toErrorInfo } from '../core/errors';
import { validateTrainConfig, type TrainConfig } from '../core/model/config';
import { LfmModel } from '../core/model/lfm_model';
import { decodeModelFile, encodeModelFile, type JsonValue } from '../core/model/serialize';
import { runTraining } from '../core/pipeline/run_training';
import type { TrainingCheckpoint } from '../core/model/trainer';
import {
  catalogFromDataset,
  findUserIds,
  ratedByUser,
  ratedItemsOf,
  type Catalog,
} from '../core/recommend/catalog';
import { recommendTopN } from '../core/recommend/top_n';
import type { TestReport } from '../core/eval/evaluate';
import { selectBackend } from './backend';
import { runWithFallback } from './backend_fallback';
import { FaultInjector } from './test_faults';
import { fileChunks } from './file_chunks';
import { errorViewInputs, ExplorerService, type ErrorViewInputs } from './explorer_api';
import type {
  BackendChoice,
  BackendInfo,
  BackendName,
  DatasetSummary,
  LfmSessionApi,
  LoadProgress,
  ModelSummary,
  MovieRow,
  TestFault,
  TrainingEvent,
} from './protocol';
import { explainLoadFailure } from './out_of_memory';
import { summarizeDataset } from './summary';
import { SearchRunner } from './search';
import type { SearchEvent, SearchRequest } from './search_protocol';
import type { ExplainTarget, MovieFilter, VisitorRating } from './explorer_protocol';

/** Minimum milliseconds between two progress messages, so parsing is not slowed by messaging. */
const PROGRESS_INTERVAL_MS = 100;

/** A trained or loaded model with everything the explorer needs beside it. */
interface TrainedState {
  model: LfmModel;
  catalog: Catalog;
  config: TrainConfig;
  report: TestReport | null;
  /** Inputs of the error views from the split of a model trained in this session. */
  errorInputs?: ErrorViewInputs | null;
}

type MovieEntry = [id: number, title: string, genres: string[], year: number | null];

export class LfmSession implements LfmSessionApi {
  private dataset: Dataset | null = null;
  private trained: TrainedState | null = null;
  private isBusy = false;
  private isStopRequested = false;
  /** Serves the explorer's requests on the current model; see `explorer_api.ts`. */
  private readonly explorer = new ExplorerService(() => this.requireTrained());
  /** Backends that failed during a run; `auto` avoids them for the rest of the session. */
  private readonly failedBackends = new Set<BackendName>();
  private readonly faults = new FaultInjector();
  /** Runs searches and keeps the best trial for `trainBest`; see `search.ts`. */
  private readonly searcher = new SearchRunner();

  async loadFiles(
    files: File[],
    onProgress: (progress: LoadProgress) => void,
  ): Promise<DatasetSummary> {
    return this.exclusive(async () => {
      const started = performance.now();
      let lastReport = 0;
      const inputs = files.map((file) => ({
        name: file.name,
        size: file.size,
        chunks: () => fileChunks(file),
      }));
      const dataset = await loadDataset(inputs, (progress) => {
        const now = performance.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS && progress.bytesRead < progress.totalBytes)
          return;
        lastReport = now;
        onProgress({ ...progress });
      }).catch((error: unknown) => {
        throw explainLoadFailure(error, inputs);
      });
      // Replaced only after a successful read, so a bad file keeps the data already loaded.
      this.dataset = dataset;
      const summary = summarizeDataset(dataset);
      return { ...summary, readSeconds: (performance.now() - started) / 1000 };
    });
  }

  async loadDemo(seed: number): Promise<DatasetSummary> {
    return this.exclusive(async () => {
      this.dataset = generateDemoDataset(seed);
      return summarizeDataset(this.dataset);
    });
  }

  async train(
    config: TrainConfig,
    backend: BackendChoice,
    onEvent: (event: TrainingEvent) => void | Promise<void>,
  ): Promise<void> {
    return this.exclusive(async () => {
      const dataset = this.dataset;
      if (dataset === null) {
        throw new LfmError(
          'no-ratings',
          'Train: no data set is loaded. Drop MovieLens files or use the demo data.',
        );
      }
      validateTrainConfig(config);
      this.isStopRequested = false;

      try {
        const backendInfo = await this.selectBackendAvoidingFailed(backend);
        const split = splitRandom(dataset.ratings, config.seed);
        const sendStarted = (info: BackendInfo): void => {
          onEvent({
            type: 'started',
            config: { ...config },
            backend: info,
            split: {
              seed: config.seed,
              train: split.train.rating.length,
              validation: split.validation.rating.length,
              test: split.test.rating.length,
            },
          });
        };
        sendStarted(backendInfo);

        const info = { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
        // The best weights so far, copied to JavaScript memory: a failed backend's tensors may be
        // unreadable, so this copy is what training resumes from on the next backend.
        let checkpoint: TrainingCheckpoint | null = null;
        const { result: run } = await runWithFallback(backendInfo, {
          run: () =>
            runTraining(
              split,
              info,
              config,
              {
                onEpoch: (metrics) => {
                  onEvent({
                    type: 'epochEnd',
                    metrics: { ...metrics },
                    totalEpochs: config.epochs,
                  });
                  this.faults.afterEpoch(metrics.epoch);
                },
                onBestEpoch: async (model, history) => {
                  checkpoint = { weights: await model.toArrays(), history: [...history] };
                },
                shouldStop: () => this.isStopRequested,
              },
              checkpoint,
            ),
          resumeEpoch: () => checkpoint?.history.length ?? 0,
          activate: (name) => selectBackend(name),
          onFallback: (next, failed) => {
            this.failedBackends.add(failed);
            sendStarted(next);
            // `started` clears the page's epochs, so the epochs kept in the checkpoint go again.
            for (const metrics of checkpoint?.history ?? []) {
              onEvent({ type: 'epochEnd', metrics: { ...metrics }, totalEpochs: config.epochs });
            }
          },
        });

        this.replaceTrained({
          model: run.model,
          catalog: catalogFromDataset(dataset),
          config,
          report: run.report,
          errorInputs: errorViewInputs(split, dataset.users.size),
        });
        // Awaited so the page has handled the final events before this call resolves: they
        // travel on the callback's own message port, which is not ordered with the reply.
        await onEvent({ type: 'finished', report: run.report });
        if (run.divergence !== null) {
          await onEvent({ type: 'failed', error: toErrorInfo(run.divergence) });
        }
      } catch (error) {
        await onEvent({ type: 'failed', error: toErrorInfo(error) });
        throw error;
      }
    });
  }

  injectTestFault(fault: TestFault): void {
    this.faults.arm(fault);
  }

  /**
   * Activates the chosen backend. For `auto`, a backend that failed earlier in this session is
   * skipped, so one lost GPU device does not fail every later run.
   */
  private async selectBackendAvoidingFailed(choice: BackendChoice): Promise<BackendInfo> {
    if (choice !== 'auto' || this.failedBackends.size === 0) return selectBackend(choice);

    for (const name of ['wasm', 'cpu'] as const) {
      if (this.failedBackends.has(name)) continue;
      const info = await selectBackend(name).catch(() => null);
      const failed = [...this.failedBackends].join(', ');
      if (info !== null)
        return { ...info, reason: `Auto: skipping ${failed}, which failed earlier` };
    }
    return selectBackend(choice);
  }

  async search(
    request: SearchRequest,
    backend: BackendChoice,
    onEvent: (event: SearchEvent) => void,
  ): Promise<void> {
    return this.exclusive(async () => {
      const dataset = this.requireDataset('Search');
      this.isStopRequested = false;
      try {
        const backendInfo = await this.selectBackendAvoidingFailed(backend);
        await this.searcher.search(
          dataset,
          request,
          backendInfo,
          onEvent,
          () => this.isStopRequested,
        );
      } catch (error) {
        onEvent({ type: 'searchFailed', error: toErrorInfo(error) });
        throw error;
      }
    });
  }

  async trainBest(
    backend: BackendChoice,
    onEvent: (event: TrainingEvent) => void | Promise<void>,
  ): Promise<void> {
    return this.exclusive(async () => {
      const dataset = this.requireDataset('Train best configuration');
      this.isStopRequested = false;
      try {
        const backendInfo = await this.selectBackendAvoidingFailed(backend);
        const run = await this.searcher.trainBest(
          dataset,
          backendInfo,
          onEvent,
          () => this.isStopRequested,
        );
        this.replaceTrained({
          model: run.model,
          catalog: catalogFromDataset(dataset),
          config: run.config,
          report: run.report,
          errorInputs: null,
        });
        // Awaited so the page has handled the final events before this call resolves: they
        // travel on the callback's own message port, which is not ordered with the reply.
        await onEvent({ type: 'finished', report: run.report });
        if (run.divergence !== null) {
          await onEvent({ type: 'failed', error: toErrorInfo(run.divergence) });
        }
      } catch (error) {
        await onEvent({ type: 'failed', error: toErrorInfo(error) });
        throw error;
      }
    });
  }

  private requireDataset(where: string): Dataset {
    if (this.dataset === null) {
      throw new LfmError(
        'no-ratings',
        `${where}: no data set is loaded. Drop MovieLens files or use the demo data.`,
      );
    }
    return this.dataset;
  }

  stop(): void {
    this.isStopRequested = true;
  }

  async findUsers(prefix: string, limit: number): Promise<number[]> {
    const catalog =
      this.trained?.catalog ?? (this.dataset ? catalogFromDataset(this.dataset) : null);
    return catalog === null ? [] : findUserIds(catalog, prefix, limit);
  }

  async ratedMovies(userId: number): Promise<MovieRow[]> {
    const catalog = this.requireTrained().catalog;
    const user = this.userIndex(catalog, userId);
    return ratedByUser(catalog, user).map(({ item, rating }) => movieRow(catalog, item, rating));
  }

  async recommend(userId: number, count: number): Promise<MovieRow[]> {
    const { model, catalog } = this.requireTrained();
    const user = this.userIndex(catalog, userId);
    // Every movie the user rated is left out, not only the training ones, because the
    // explorer lists movies the user has not seen.
    const { items, scores } = await recommendTopN(model, user, count, ratedItemsOf(catalog, user));
    return Array.from(items, (item, rank) => movieRow(catalog, item, scores[rank] as number));
  }

  async exportModel(): Promise<Uint8Array> {
    const { model, catalog, config, report } = this.requireTrained();
    const weights = await model.toArrays();
    return encodeModelFile({
      datasetName: catalog.datasetName,
      config,
      metrics: report === null ? null : (JSON.parse(JSON.stringify(report)) as JsonValue),
      weights,
      userIds: catalog.users.toArray(),
      itemIds: catalog.items.toArray(),
      seen: catalog.rated,
      seenRatings: catalog.ratedValues,
      metadata: { movies: moviesToJson(catalog.movies) },
    });
  }

  async importModel(bytes: Uint8Array): Promise<ModelSummary> {
    return this.exclusive(async () => {
      const contents = decodeModelFile(bytes);
      if (tf.getBackend() === undefined || tf.getBackend() === '') await selectBackend('auto');
      const model = LfmModel.fromArrays(contents.weights);
      const catalog: Catalog = {
        datasetName: contents.datasetName,
        users: IdMap.fromRawIds(contents.userIds),
        items: IdMap.fromRawIds(contents.itemIds),
        rated: contents.seen,
        ratedValues: contents.seenRatings,
        movies: moviesFromJson(contents.metadata),
      };
      const report = isTestReport(contents.metrics) ? contents.metrics : null;
      this.replaceTrained({ model, catalog, config: contents.config, report });
      return this.modelSummary();
    });
  }

  movieFacets() {
    return this.explorer.movieFacets();
  }

  searchMovies(query: string, limit: number) {
    return this.explorer.searchMovies(query, limit);
  }

  starterMovies(count: number) {
    return this.explorer.starterMovies(count);
  }

  recommendFiltered(userId: number, count: number, filter: MovieFilter) {
    return this.explorer.recommendFiltered(userId, count, filter);
  }

  recommendForVisitor(ratings: VisitorRating[], count: number, filter: MovieFilter) {
    return this.explorer.recommendForVisitor(ratings, count, filter);
  }

  similarMovies(movieId: number, count: number, minRatings: number) {
    return this.explorer.similarMovies(movieId, count, minRatings);
  }

  explain(target: ExplainTarget, movieId: number) {
    return this.explorer.explain(target, movieId);
  }

  tasteMap(maxPoints: number) {
    return this.explorer.tasteMap(maxPoints);
  }

  errorViews() {
    return this.explorer.errorViews();
  }

  exportRecommendations(count: number) {
    return this.explorer.exportRecommendations(count);
  }

  exportEmbeddings(format: 'csv' | 'npy') {
    return this.explorer.exportEmbeddings(format);
  }

  private modelSummary(): ModelSummary {
    const { model, catalog, config, report } = this.requireTrained();
    return {
      datasetName: catalog.datasetName,
      config: { ...config },
      users: model.info.users,
      items: model.info.items,
      hasMovies: catalog.movies !== null,
      test: report === null ? null : { ...report.test },
    };
  }

  private replaceTrained(next: TrainedState): void {
    this.trained?.model.dispose();
    this.trained = next;
  }

  private requireTrained(): TrainedState {
    if (this.trained === null) {
      throw new LfmError('not-trained', 'Explorer: no model yet. Train one or load a model file.');
    }
    return this.trained;
  }

  private userIndex(catalog: Catalog, userId: number): number {
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

  /** Runs one loading or training job at a time; a second one is rejected, not queued. */
  private async exclusive<T>(job: () => Promise<T>): Promise<T> {
    if (this.isBusy) {
      throw new LfmError(
        'busy',
        'Session: another load or training is running. Wait for it or press Stop.',
      );
    }
    this.isBusy = true;
    try {
      return await job();
    } finally {
      this.isBusy = false;
    }
  }
}

function movieRow(catalog: Catalog, item: number, rating: number): MovieRow {
  const movieId = catalog.items.rawId(item);
  const movie = catalog.movies?.get(movieId);
  return { movieId, title: movie?.title ?? null, genres: movie ? [...movie.genres] : [], rating };
}

function moviesToJson(movies: Map<number, Movie> | null): JsonValue {
  if (movies === null) return null;
  return Array.from(movies.values(), (movie): JsonValue => [
    movie.id,
    movie.title,
    movie.genres,
    movie.year,
  ]);
}

function moviesFromJson(metadata: JsonValue): Map<number, Movie> | null {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return null;
  const entries = metadata.movies;
  if (!Array.isArray(entries)) return null;
  const movies = new Map<number, Movie>();
  for (const entry of entries as unknown as MovieEntry[]) {
    const [id, title, genres, year] = entry;
    movies.set(id, { id, title, genres, year });
  }
  return movies;
}

function isTestReport(value: JsonValue): value is JsonValue & TestReport {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'test' in value;
}
