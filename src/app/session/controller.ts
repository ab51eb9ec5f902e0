import * as Comlink from 'comlink';
import type {
  EpochMetrics,
  LfmSessionApi,
  LoadProgress,
  ModelSummary,
  MovieRow,
  TrainingEvent,
} from '../../worker/protocol';
import { datasetFileStem } from '../../core/export/file_stem';
import { DEFAULT_TRAIN_CONFIG, parseConfigDraft } from '../config/train_config';
import type { ErrorScope, AppError } from '../store/state';
import { isRunActive } from '../store/state';
import type { SessionStore } from '../store/store';
import type { ExplorerApi } from '../../worker/explorer_protocol';
import type { SearchApi } from '../../worker/search_protocol';

/**
 * Shortest time between two chart updates while training. Redrawing the three charts and the
 * epoch table takes about 100 ms on ML-1M-sized runs in headless Chromium on a 2-vCPU VM, so
 * redrawing on every frame kept the main thread busy and took CPU time from the worker.
 */
const EPOCH_FLUSH_INTERVAL_MS = 250;

/**
 * Turns the UI's intents into worker calls and the worker's results into store actions.
 * Components never call the worker directly, so every state change passes through here.
 */
export class SessionController {
  /** Progress events can arrive faster than frames, so only the newest is shown. */
  private pendingProgress: LoadProgress | null = null;
  private progressFrame: number | null = null;
  /**
   * The fused path finishes dozens of epochs per second, faster than the charts can redraw,
   * so epochs are queued and added to the store at most every `EPOCH_FLUSH_INTERVAL_MS`, on
   * an animation frame.
   */
  private pendingEpochs: EpochMetrics[] = [];
  private pendingTotalEpochs = 0;
  private epochFrame: number | null = null;
  private lastEpochFlush = -Infinity;

  constructor(
    readonly store: SessionStore,
    private readonly session: Comlink.Remote<LfmSessionApi>,
  ) {}

  async loadFiles(files: File[]): Promise<void> {
    if (files.length === 0 || !this.canLoad()) return;
    this.store.dispatch({ type: 'loadStarted' });

    try {
      const onProgress = Comlink.proxy((progress: LoadProgress) => this.queueProgress(progress));
      const summary = await this.session.loadFiles(files, onProgress);
      this.store.dispatch({ type: 'datasetLoaded', summary });
    } catch (error) {
      this.store.dispatch({ type: 'loadFailed', error: toAppError('load', error) });
    } finally {
      this.cancelProgress();
    }
  }

  async loadDemo(): Promise<void> {
    if (!this.canLoad()) return;
    this.store.dispatch({ type: 'loadStarted' });

    const { config } = parseConfigDraft(this.store.getState().configDraft);
    const seed = config?.seed ?? DEFAULT_TRAIN_CONFIG.seed;
    try {
      const summary = await this.session.loadDemo(seed);
      this.store.dispatch({ type: 'datasetLoaded', summary });
    } catch (error) {
      this.store.dispatch({ type: 'loadFailed', error: toAppError('load', error) });
    }
  }

  async train(): Promise<void> {
    const state = this.store.getState();
    const { config } = parseConfigDraft(state.configDraft);
    if (config === null || state.dataset === null || isRunActive(state.run.status)) return;
    await this.runTrainingRequest((onEvent) =>
      this.session.train(config, state.backendChoice, onEvent),
    );
  }

  /**
   * Retrains the last search's best config on train + validation and tests it; the run fills
   * the charts and the test metrics like a plain training run.
   */
  async trainBest(): Promise<void> {
    const state = this.store.getState();
    if (state.dataset === null || isRunActive(state.run.status)) return;
    await this.runTrainingRequest((onEvent) =>
      this.session.trainBest(state.backendChoice, onEvent),
    );
  }

  /** The worker's search requests and `stop`; the search panel keeps its own progress. */
  get searcher(): Comlink.Remote<SearchApi & Pick<LfmSessionApi, 'stop'>> {
    return this.session;
  }

  private async runTrainingRequest(
    start: (onEvent: (event: TrainingEvent) => void) => Promise<void>,
  ): Promise<void> {
    this.store.dispatch({ type: 'trainingRequested' });

    try {
      const onEvent = Comlink.proxy((event: TrainingEvent) => this.applyTrainingEvent(event));
      await start(onEvent);
    } catch (error) {
      this.store.dispatch({ type: 'trainingFailed', error: toAppError('train', error) });
    }
  }

  async stop(): Promise<void> {
    if (!isRunActive(this.store.getState().run.status)) return;
    this.store.dispatch({ type: 'stopRequested' });
    try {
      await this.session.stop();
    } catch (error) {
      this.store.dispatch({ type: 'errorRaised', error: toAppError('train', error) });
    }
  }

  /** Exports the trained model and returns its bytes with the file name to save them under. */
  async exportModel(): Promise<{ bytes: Uint8Array; fileName: string } | null> {
    const { model } = this.store.getState();
    if (model === null) return null;

    try {
      const bytes = await this.session.exportModel();
      return { bytes, fileName: modelFileName(model) };
    } catch (error) {
      this.store.dispatch({ type: 'errorRaised', error: toAppError('model-file', error) });
      return null;
    }
  }

  async importModel(file: File): Promise<void> {
    if (isRunActive(this.store.getState().run.status)) return;

    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const summary = await this.session.importModel(Comlink.transfer(bytes, [bytes.buffer]));
      this.store.dispatch({ type: 'modelImported', summary });
    } catch (error) {
      this.store.dispatch({ type: 'errorRaised', error: toAppError('model-file', error) });
      return;
    }
    await this.selectFirstUser();
  }

  selectUser(userId: number | null): void {
    this.store.dispatch({ type: 'userSelected', userId });
  }

  findUsers(prefix: string, limit: number): Promise<number[]> {
    return this.session.findUsers(prefix, limit);
  }

  ratedMovies(userId: number): Promise<MovieRow[]> {
    return this.session.ratedMovies(userId);
  }

  recommend(userId: number, count: number): Promise<MovieRow[]> {
    return this.session.recommend(userId, count);
  }

  /**
   * The worker's explorer requests (visitor, similar movies, taste map, error views, exports).
   * They read the current model and change no session state, so views call them directly.
   */
  get explorer(): Comlink.Remote<ExplorerApi> {
    return this.session;
  }

  dismissError(scope: ErrorScope): void {
    this.store.dispatch({ type: 'errorDismissed', scope });
  }

  private canLoad(): boolean {
    const { loadStatus, run } = this.store.getState();
    return loadStatus === 'idle' && !isRunActive(run.status);
  }

  private applyTrainingEvent(event: TrainingEvent): void {
    if (event.type === 'epochEnd') {
      this.queueEpoch(event.metrics, event.totalEpochs);
      return;
    }

    // Every other event follows the epochs before it, so those reach the store first.
    this.flushEpochs();
    switch (event.type) {
      case 'started':
        this.store.dispatch({
          type: 'trainingStarted',
          config: event.config,
          backend: event.backend,
          split: event.split,
        });
        return;
      case 'scoring':
        this.store.dispatch({ type: 'scoringStarted' });
        return;
      case 'finished':
        this.store.dispatch({ type: 'trainingFinished', report: event.report });
        void this.selectFirstUser();
        return;
      case 'failed':
        this.store.dispatch({
          type: 'trainingFailed',
          error: { scope: 'train', code: event.error.code, message: event.error.message },
        });
        return;
    }
  }

  private async selectFirstUser(): Promise<void> {
    try {
      const [first] = await this.session.findUsers('', 1);
      if (first !== undefined && this.store.getState().selectedUser === null) {
        this.selectUser(first);
      }
    } catch (error) {
      this.store.dispatch({ type: 'errorRaised', error: toAppError('explore', error) });
    }
  }

  private queueEpoch(metrics: EpochMetrics, totalEpochs: number): void {
    this.pendingEpochs.push(metrics);
    this.pendingTotalEpochs = totalEpochs;
    if (this.epochFrame === null) this.scheduleEpochFlush();
  }

  private scheduleEpochFlush(): void {
    this.epochFrame = requestAnimationFrame(() => {
      this.epochFrame = null;
      if (performance.now() - this.lastEpochFlush < EPOCH_FLUSH_INTERVAL_MS) {
        this.scheduleEpochFlush();
        return;
      }
      this.flushEpochs();
    });
  }

  private flushEpochs(): void {
    if (this.epochFrame !== null) cancelAnimationFrame(this.epochFrame);
    this.epochFrame = null;
    if (this.pendingEpochs.length === 0) return;

    const metrics = this.pendingEpochs;
    this.pendingEpochs = [];
    this.lastEpochFlush = performance.now();
    this.store.dispatch({ type: 'epochsEnded', metrics, totalEpochs: this.pendingTotalEpochs });
  }

  private queueProgress(progress: LoadProgress): void {
    this.pendingProgress = progress;
    if (this.progressFrame !== null) return;

    this.progressFrame = requestAnimationFrame(() => {
      this.progressFrame = null;
      const pending = this.pendingProgress;
      this.pendingProgress = null;
      if (pending !== null && this.store.getState().loadStatus === 'loading') {
        this.store.dispatch({ type: 'loadProgressed', progress: pending });
      }
    });
  }

  private cancelProgress(): void {
    if (this.progressFrame !== null) cancelAnimationFrame(this.progressFrame);
    this.progressFrame = null;
    this.pendingProgress = null;
  }
}

/** Reads the `code` and `message` the worker's errors carry across Comlink. */
export function toAppError(scope: ErrorScope, error: unknown): AppError {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { scope, code: typeof code === 'string' ? code : 'internal', message: error.message };
  }
  return { scope, code: 'internal', message: String(error) };
}

/** `<dataset>-lfm.model`, named after the data set's file or the zip it came from. */
export function modelFileName(model: ModelSummary): string {
  return `${datasetFileStem(model.datasetName)}-lfm.model`;
}
