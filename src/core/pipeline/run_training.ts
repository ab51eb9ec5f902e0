import type { RatingScale } from '../data/dataset';
import type { RatingSplit } from '../data/split';
import type { LfmError } from '../errors';
import type { TestReport } from '../eval/evaluate';
import type { TrainConfig } from '../model/config';
import {
  trainModel,
  type EpochMetrics,
  type TrainHooks,
  type TrainingCheckpoint,
} from '../model/trainer';
import type { LfmModel } from '../model/lfm_model';
import { scoreOnTest } from './score_on_test';

export interface TrainingRun {
  /** The trained model with the best epoch's weights; the caller disposes it. */
  model: LfmModel;
  history: EpochMetrics[];
  report: TestReport;
  /** Set when the loss diverged: training stopped and the model keeps the last good weights. */
  divergence: LfmError | null;
}

/**
 * Trains on `split.train`, chooses the epoch on `split.validation`, then scores the kept
 * weights once on `split.test` next to the baselines (rating and ranking metrics). The command
 * line and the worker both run training through here, so they report the same figures. With
 * `resume`, training continues after the checkpoint's epoch.
 */
export async function runTraining(
  split: RatingSplit,
  info: { users: number; items: number; scale: RatingScale },
  config: TrainConfig,
  hooks: TrainHooks = {},
  resume: TrainingCheckpoint | null = null,
): Promise<TrainingRun> {
  const result = await trainModel(split.train, split.validation, info, config, hooks, resume);
  hooks.onTrainingEnd?.();

  try {
    // A diverged run keeps its last good weights; the report calls it stopped.
    const reason = result.reason === 'diverged' ? 'stopped' : result.reason;
    const report = await scoreOnTest(result.model, split.train, split.test, {
      bestEpoch: result.bestEpoch,
      reason,
      seconds: result.seconds,
    });
    return { model: result.model, history: result.history, report, divergence: result.error };
  } catch (error) {
    result.model.dispose();
    throw error;
  }
}
