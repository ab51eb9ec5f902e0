import type { RatingScale, RatingTriples } from '../data/dataset';
import { LfmError } from '../errors';
import { validateTrainConfig, type TrainConfig } from '../model/config';
import { trainModel, type EpochMetrics, type TrainEndReason } from '../model/trainer';
import { sampleSearchConfigs, type SearchSpace } from './search_space';

/** A search request: trial count, starting settings and sampling seed. */
export interface SearchSpec {
  /** Number of trials, 1 to `MAX_TRIALS`; trial 1 runs `base` unchanged. */
  trials: number;
  /** Seed of the config draws. The split and each trial's training use `base.seed`. */
  seed: number;
  /** Settings every trial starts from; its `epochs` and `patience` bound each trial. */
  base: TrainConfig;
  space?: SearchSpace;
}

/** The outcome of one trial, scored on the validation ratings only. */
export interface TrialResult {
  /** 1-based trial number. */
  trial: number;
  config: TrainConfig;
  /** Epoch with the lowest validation RMSE; 0 when no epoch finished. */
  bestEpoch: number;
  /** Validation RMSE at `bestEpoch`; NaN when no epoch finished. */
  valRmse: number;
  epochsRun: number;
  reason: TrainEndReason;
  seconds: number;
}

export interface SearchResult {
  /** Every trial that started, in order; a cancelled search lists the trials so far. */
  trials: TrialResult[];
  /** Index into `trials` of the lowest validation RMSE, or -1 when no trial has one. */
  bestIndex: number;
  cancelled: boolean;
}

/** Callbacks into the caller; all are optional. */
export interface SearchHooks {
  onTrialStart?(trial: number, config: TrainConfig): void;
  onTrialEpoch?(trial: number, metrics: EpochMetrics): void;
  onTrialEnd?(result: TrialResult): void;
  /** Polled after every epoch and between trials; returning true ends the search there. */
  shouldStop?(): boolean;
}

/** The ratings a search may read: the test part is not among them. */
export interface SearchData {
  train: RatingTriples;
  validation: RatingTriples;
}

export const MAX_TRIALS = 200;

/**
 * Runs a seeded random search: each trial trains on `data.train` with early stopping on
 * `data.validation` and is scored by its best validation RMSE. The test ratings are not an
 * argument, so no trial can read them. Models are disposed after their trial; the caller
 * retrains the best config (see `trainFinalModel`).
 *
 * Throws `invalid-config` for a bad trial count, seed or base config.
 */
export async function runSearch(
  data: SearchData,
  info: { users: number; items: number; scale: RatingScale },
  spec: SearchSpec,
  hooks: SearchHooks = {},
): Promise<SearchResult> {
  validateSearchSpec(spec);
  const configs = sampleSearchConfigs(spec.base, spec.trials, spec.seed, spec.space);
  const trials: TrialResult[] = [];
  let cancelled = false;

  for (const [index, config] of configs.entries()) {
    if (hooks.shouldStop?.() === true) {
      cancelled = true;
      break;
    }
    const trial = index + 1;
    hooks.onTrialStart?.(trial, config);

    const result = await trainModel(data.train, data.validation, info, config, {
      onEpoch: (metrics) => hooks.onTrialEpoch?.(trial, metrics),
      shouldStop: hooks.shouldStop,
    });
    result.model.dispose();

    const best = result.history.find((metrics) => metrics.epoch === result.bestEpoch);
    const trialResult: TrialResult = {
      trial,
      config,
      bestEpoch: result.bestEpoch,
      valRmse: best?.valRmse ?? Number.NaN,
      epochsRun: result.history.length,
      reason: result.reason,
      seconds: result.seconds,
    };
    trials.push(trialResult);
    hooks.onTrialEnd?.(trialResult);
    if (result.reason === 'stopped') {
      cancelled = true;
      break;
    }
  }

  return { trials, bestIndex: bestTrialIndex(trials), cancelled };
}

/** Index of the trial with the lowest finite validation RMSE (the earlier on a tie), or -1. */
export function bestTrialIndex(trials: readonly TrialResult[]): number {
  let bestIndex = -1;
  trials.forEach((trial, index) => {
    if (!Number.isFinite(trial.valRmse) || trial.bestEpoch < 1) return;
    if (bestIndex < 0 || trial.valRmse < (trials[bestIndex] as TrialResult).valRmse) {
      bestIndex = index;
    }
  });
  return bestIndex;
}

function validateSearchSpec(spec: SearchSpec): void {
  const { trials, seed } = spec;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new LfmError(
      'invalid-config',
      `Search: trials must be an integer from 1 to ${MAX_TRIALS}, got ${trials}.`,
      { value: String(trials) },
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new LfmError(
      'invalid-config',
      `Search: seed must be an integer from 0 to ${2 ** 31 - 1}, got ${seed}.`,
      { value: String(seed) },
    );
  }
  validateTrainConfig(spec.base);
}
