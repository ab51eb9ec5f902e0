/**
 * The hyper-parameter search's part of the worker API. Only plain objects, numbers and
 * strings cross.
 */
import type { ErrorInfo } from '../core/errors';
import type { TrainConfig } from '../core/model/config';
import type { EpochMetrics } from '../core/model/trainer';
import type { TrialResult } from '../core/tune/search';
import type { BackendChoice, BackendInfo, SplitSummary, TrainingEvent } from './protocol';

export type { TrialResult };

/** A search request: trial 1 runs `base`, later trials draw k, rates and L2 from `seed`. */
export interface SearchRequest {
  trials: number;
  seed: number;
  base: TrainConfig;
}

export type SearchEvent =
  | { type: 'searchStarted'; totalTrials: number; backend: BackendInfo; split: SplitSummary }
  | { type: 'trialStarted'; trial: number; config: TrainConfig }
  | { type: 'trialEpoch'; trial: number; metrics: EpochMetrics; totalEpochs: number }
  | { type: 'trialFinished'; result: TrialResult }
  /** `bestTrial` is 1-based, or null when no trial reached a finite validation RMSE. */
  | { type: 'searchFinished'; bestTrial: number | null; cancelled: boolean }
  | { type: 'searchFailed'; error: ErrorInfo };

export interface SearchApi {
  /**
   * Runs a random search on the loaded data set's train and validation parts (the split
   * seed is `base.seed`); `stop()` cancels it after the current epoch.
   */
  search(
    request: SearchRequest,
    backend: BackendChoice,
    onEvent: (event: SearchEvent) => void,
  ): Promise<void>;
  /**
   * Retrains the last search's best config on train + validation for its best epoch count,
   * tests it once, and makes it the session's model. Sends training events like `train`.
   */
  trainBest(
    backend: BackendChoice,
    onEvent: (event: TrainingEvent) => void | Promise<void>,
  ): Promise<void>;
}
