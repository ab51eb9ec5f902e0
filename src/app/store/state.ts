import type {
  BackendChoice,
  BackendInfo,
  DatasetSummary,
  EpochMetrics,
  LoadProgress,
  ModelSummary,
  SplitSummary,
  TestReport,
  TrainConfig,
} from '../../worker/protocol';
import { EMPTY_RUNS, type RunsState } from '../runs/runs_state';

/** Training settings as the user typed them, parsed and checked by `parseConfigDraft`. */
export type ConfigDraft = Record<keyof TrainConfig, string>;

export type LoadStatus = 'idle' | 'loading';

/**
 * Stage of a run. `starting` lasts from the request to the worker's `started` event, and
 * `stopping` from the Stop request to the end of the current epoch.
 */
export type RunStatus =
  'idle' | 'starting' | 'training' | 'stopping' | 'scoring' | 'finished' | 'failed';

/** The part of the app an error belongs to, so each panel shows only its own. */
export type ErrorScope = 'load' | 'train' | 'model-file' | 'explore';

export interface AppError {
  scope: ErrorScope;
  code: string;
  message: string;
}

export interface RunState {
  status: RunStatus;
  /** The settings the worker confirmed in its `started` event. */
  config: TrainConfig | null;
  split: SplitSummary | null;
  totalEpochs: number;
  /** One entry per finished epoch, in order. */
  epochs: EpochMetrics[];
  report: TestReport | null;
}

/** Everything the UI shows about the session, changed only by `reduceSession`. */
export interface SessionState {
  dataset: DatasetSummary | null;
  loadStatus: LoadStatus;
  loadProgress: LoadProgress | null;
  configDraft: ConfigDraft;
  backendChoice: BackendChoice;
  /** The backend of the current or last run. */
  backend: BackendInfo | null;
  run: RunState;
  /** Trainings requested in this page, so tests and tools can tell one run from the next. */
  runsRequested: number;
  /** The model the explorer uses: the last trained one, or one loaded from a file. */
  model: ModelSummary | null;
  /** True when `model` came from a file rather than from training in this page. */
  modelImported: boolean;
  /** Counts the models set so far, so views can tell a new model from the previous one. */
  modelVersion: number;
  /**
   * True when a data set was loaded after `model` was set, even one with the same name: the
   * explorer then still shows the model's own data, not the loaded one.
   */
  dataLoadedAfterModel: boolean;
  selectedUser: number | null;
  lastError: AppError | null;
  /** Recorded runs and the ones the charts compare. */
  runs: RunsState;
}

/** Field texts for a config. An optional field left out becomes an empty text. */
export function draftFromConfig(config: TrainConfig): ConfigDraft {
  return {
    k: String(config.k),
    epochs: String(config.epochs),
    learningRate: String(config.learningRate),
    l2: String(config.l2),
    biasL2: config.biasL2 === undefined ? '' : String(config.biasL2),
    learningRateDecay:
      config.learningRateDecay === undefined ? '' : String(config.learningRateDecay),
    batchSize: String(config.batchSize),
    seed: String(config.seed),
    patience: String(config.patience),
    initStd: String(config.initStd),
    trainingPath: config.trainingPath ?? 'adam',
    sgdLearningRate: config.sgdLearningRate === undefined ? '' : String(config.sgdLearningRate),
  };
}

export const IDLE_RUN: RunState = {
  status: 'idle',
  config: null,
  split: null,
  totalEpochs: 0,
  epochs: [],
  report: null,
};

export function createInitialState(
  configDraft: ConfigDraft,
  backendChoice: BackendChoice,
): SessionState {
  return {
    dataset: null,
    loadStatus: 'idle',
    loadProgress: null,
    configDraft,
    backendChoice,
    backend: null,
    run: IDLE_RUN,
    runsRequested: 0,
    model: null,
    modelImported: false,
    modelVersion: 0,
    dataLoadedAfterModel: false,
    selectedUser: null,
    lastError: null,
    runs: EMPTY_RUNS,
  };
}

/** True while the worker is busy with a run, so loads and a second Train must wait. */
export function isRunActive(status: RunStatus): boolean {
  return (
    status === 'starting' || status === 'training' || status === 'stopping' || status === 'scoring'
  );
}
