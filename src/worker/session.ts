/**
 * The worker's session: stores the loaded data set and the trained model, and runs the core
 * for each request. It has no Comlink in it, so the same class is usable from tests. Loading,
 * training, backend choice, search, the model file and the explorer live in their own modules.
 * This class owns the state and runs one load or training at a time.
 */
import type { Dataset } from '../core/data/dataset';
import { generateDemoDataset } from '../core/data/synthetic';
import { LfmError, toErrorInfo } from '../core/errors';
import { validateTrainConfig, type TrainConfig } from '../core/model/config';
import { catalogFromDataset, findUserIds } from '../core/recommend/catalog';
import { BackendSelector } from './backend_selector';
import { ExplorerService } from './explorer_api';
import type { ExplainTarget, MovieFilter, VisitorRating } from './explorer_protocol';
import { readFiles } from './load_files';
import { modelSummary, readModelFile, writeModelFile } from './model_file';
import type {
  BackendChoice,
  DatasetSummary,
  LfmSessionApi,
  LoadProgress,
  ModelSummary,
  MovieRow,
  TestFault,
  TrainingEvent,
} from './protocol';
import { SearchRunner } from './search';
import type { SearchEvent, SearchRequest } from './search_protocol';
import { summarizeDataset } from './summary';
import { FaultInjector } from './test_faults';
import type { TrainedState } from './trained_state';
import { trainOnSplit, type FinishedRun } from './training';

export class LfmSession implements LfmSessionApi {
  private dataset: Dataset | null = null;
  private trained: TrainedState | null = null;
  private isBusy = false;
  private isStopRequested = false;
  /** Serves the explorer's requests on the current model; see `explorer_api.ts`. */
  private readonly explorer = new ExplorerService(() => this.requireTrained());
  /** Starts backends, and keeps `auto` off the ones that failed in this session. */
  private readonly backends = new BackendSelector();
  private readonly faults = new FaultInjector();
  /** Runs searches and keeps the best trial for `trainBest`; see `search.ts`. */
  private readonly searcher = new SearchRunner();

  async loadFiles(
    files: File[],
    onProgress: (progress: LoadProgress) => void,
  ): Promise<DatasetSummary> {
    return this.exclusive(async () => {
      const started = performance.now();
      const dataset = await readFiles(files, onProgress);
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
      const dataset = this.requireDataset('Train');
      validateTrainConfig(config);
      this.isStopRequested = false;

      await this.finishTraining(onEvent, async () => {
        const backendInfo = await this.backends.selectBackendAvoidingFailed(backend);
        return trainOnSplit(dataset, config, backendInfo, {
          onEvent,
          afterEpoch: (epoch) => this.faults.afterEpoch(epoch),
          shouldStop: () => this.isStopRequested,
          onBackendFailed: (name) => this.backends.markFailed(name),
        });
      });
    });
  }

  injectTestFault(fault: TestFault): void {
    this.faults.arm(fault);
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
        const backendInfo = await this.backends.selectBackendAvoidingFailed(backend);
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

      await this.finishTraining(onEvent, async () => {
        const backendInfo = await this.backends.selectBackendAvoidingFailed(backend);
        const run = await this.searcher.trainBest(
          dataset,
          backendInfo,
          onEvent,
          () => this.isStopRequested,
        );
        return {
          trained: {
            model: run.model,
            catalog: catalogFromDataset(dataset),
            config: run.config,
            report: run.report,
            errorInputs: null,
          },
          report: run.report,
          divergence: run.divergence,
        };
      });
    });
  }

  stop(): void {
    this.isStopRequested = true;
  }

  async findUsers(prefix: string, limit: number): Promise<number[]> {
    const catalog =
      this.trained?.catalog ?? (this.dataset ? catalogFromDataset(this.dataset) : null);
    return catalog === null ? [] : findUserIds(catalog, prefix, limit);
  }

  ratedMovies(userId: number): Promise<MovieRow[]> {
    return this.explorer.ratedMovies(userId);
  }

  recommend(userId: number, count: number): Promise<MovieRow[]> {
    return this.explorer.recommend(userId, count);
  }

  async exportModel(): Promise<Uint8Array> {
    return writeModelFile(this.requireTrained());
  }

  async importModel(bytes: Uint8Array): Promise<ModelSummary> {
    return this.exclusive(async () => {
      this.replaceTrained(await readModelFile(bytes));
      return modelSummary(this.requireTrained());
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

  /**
   * Runs a training job, makes its model the session's model and sends the final events. On
   * an error it sends `failed` and rethrows, and the previous model stays.
   */
  private async finishTraining(
    onEvent: (event: TrainingEvent) => void | Promise<void>,
    job: () => Promise<FinishedRun>,
  ): Promise<void> {
    try {
      const run = await job();
      this.replaceTrained(run.trained);
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
