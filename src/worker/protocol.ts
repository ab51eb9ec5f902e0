/**
 * Everything that crosses the worker boundary: the session API, its arguments and the
 * events it sends. Only plain objects, numbers, strings and typed arrays cross.
 */
import type { ErrorInfo } from '../core/errors';
import type { RatingScale, RatingsFormat, SkipReport } from '../core/data/dataset';
import type { TrainConfig } from '../core/model/config';
import type { EpochMetrics } from '../core/model/trainer';
import type { RatingMetrics } from '../core/eval/metrics';
import type { TestReport } from '../core/eval/evaluate';
import type { RankingMetrics, RankingReport } from '../core/eval/ranking';
import type { ExplorerApi } from './explorer_protocol';
import type { SearchApi } from './search_protocol';

export type * from './explorer_protocol';
export type * from './search_protocol';

export type {
  RankingMetrics,
  RankingReport,
  EpochMetrics,
  ErrorInfo,
  RatingMetrics,
  RatingScale,
  RatingsFormat,
  SkipReport,
  TestReport,
  TrainConfig,
};

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

/** The backend training runs on, and why it was chosen. */
export interface BackendInfo {
  name: BackendName;
  /** One sentence for the status line, e.g. "WebGPU adapter is a software fallback". */
  reason: string;
  /** True when the WebGPU adapter reports `isFallbackAdapter` (CPU-emulated). */
  softwareAdapter: boolean;
}

export interface LoadProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

export interface RatingCount {
  rating: number;
  count: number;
}

export interface DatasetSummary {
  name: string;
  format: RatingsFormat;
  synthetic: boolean;
  ratings: number;
  users: number;
  items: number;
  scale: RatingScale;
  duplicates: number;
  skipped: SkipReport;
  histogram: RatingCount[];
  hasMovies: boolean;
  hasUserProfiles: boolean;
  /** Files read, in the order they were used. */
  files: string[];
  notes: string[];
  /**
   * Seconds the worker spent on the load request: reading the files, parsing them and building
   * this summary. Absent for generated data.
   */
  readSeconds?: number;
}

export interface SplitSummary {
  seed: number;
  train: number;
  validation: number;
  test: number;
}

export type TrainingEvent =
  | {
      type: 'started';
      config: TrainConfig;
      backend: BackendInfo;
      split: SplitSummary;
    }
  | { type: 'epochEnd'; metrics: EpochMetrics; totalEpochs: number }
  /** Training has ended; the test part, the baselines and the top-10 lists are being scored. */
  | { type: 'scoring' }
  | { type: 'finished'; report: TestReport }
  | { type: 'failed'; error: ErrorInfo };

/** One row of the explorer's tables. `rating` is the user's rating or the predicted one. */
export interface MovieRow {
  movieId: number;
  title: string | null;
  genres: string[];
  rating: number;
}

/** What a loaded or trained model offers the explorer. */
export interface ModelSummary {
  datasetName: string;
  config: TrainConfig;
  users: number;
  items: number;
  hasMovies: boolean;
  test: RatingMetrics | null;
}

/**
 * A fault the end-to-end tests inject, in dev and test builds only. `crash` raises an uncaught
 * error in the worker at once. `diverge` makes the loss NaN in the epoch after `afterEpoch`,
 * and `backend-error` throws a backend error after that epoch.
 */
export type TestFault =
  { kind: 'crash' } | { kind: 'diverge' | 'backend-error'; afterEpoch: number };

/** The session's API; the explorer's requests are declared in `explorer_protocol.ts`. */
export interface LfmSessionApi extends ExplorerApi, SearchApi {
  /** Reads ratings plus optional movies and users files, or one zip of them. */
  loadFiles(files: File[], onProgress: (progress: LoadProgress) => void): Promise<DatasetSummary>;
  /** Generates the synthetic demo data set. */
  loadDemo(seed: number): Promise<DatasetSummary>;
  /** Trains on the loaded data set; resolves when training ends. Events arrive through `onEvent`. */
  train(
    config: TrainConfig,
    backend: BackendChoice,
    onEvent: (event: TrainingEvent) => void | Promise<void>,
  ): Promise<void>;
  /** Ends training after the current epoch, keeping the best weights so far. */
  stop(): void;
  /** Raw user ids whose decimal form starts with `prefix`, in ascending order. */
  findUsers(prefix: string, limit: number): Promise<number[]>;
  ratedMovies(userId: number): Promise<MovieRow[]>;
  recommend(userId: number, count: number): Promise<MovieRow[]>;
  /** The trained model as a self-describing binary file. */
  exportModel(): Promise<Uint8Array>;
  importModel(bytes: Uint8Array): Promise<ModelSummary>;
  /** Arms a test fault; rejects in production builds. */
  injectTestFault(fault: TestFault): void;
}
