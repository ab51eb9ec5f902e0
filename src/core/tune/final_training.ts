import type { RatingScale } from '../data/dataset';
import type { RatingSplit } from '../data/split';
import { LfmError } from '../errors';
import type { TrainConfig } from '../model/config';
import { trainModel, type EpochMetrics, type TrainHooks, type TrainResult } from '../model/trainer';
import type { LfmModel } from '../model/lfm_model';
import { scoreOnTest } from '../pipeline/score_on_test';
import type { TestReport } from '../eval/evaluate';
import { averageModels } from './average_models';
import { concatRatings } from './merge';

export interface FinalRun {
  /** The model trained on train + validation; the caller disposes it. */
  model: LfmModel;
  /** Epochs of the retraining. Their validation fields are NaN: no ratings are held out. */
  history: EpochMetrics[];
  report: TestReport;
  /**
   * The config each member ran: `config` with `epochs` set and early stopping off.
   * NOTE: with several members, `model.k` is `members` x `config.k`, not `config.k`.
   */
  config: TrainConfig;
  /** Models averaged into `model`; fewer than requested when a stop request came first. */
  members: number;
  divergence: LfmError | null;
}

/**
 * Models the final retraining averages by default. On the validation parts of ml-100k
 * (seeds 1-3, default settings) averaging 1, 3, 5 and 8 models gave RMSE 0.9060, 0.9013,
 * 0.9001 and 0.8994; docs/benchmarks.md has the figures.
 */
export const DEFAULT_FINAL_MEMBERS = 8;

/** Upper bound on averaged models; each adds one full retraining. */
export const MAX_MEMBERS = 16;

const NO_RATINGS = {
  user: new Int32Array(0),
  item: new Int32Array(0),
  rating: new Float32Array(0),
};

/**
 * Retrains `config` from scratch on train + validation for exactly `epochs` epochs (the
 * best epoch that the validation run found), then scores it once on `split.test`. With no
 * held-out ratings there is nothing to stop early on, so patience is set to 0 and the
 * last epoch's weights are kept. Baselines and ranking use train + validation too.
 *
 * With `members` > 1, that many models are trained with seeds seed, seed + 1, ... (other
 * initialisation and batch order, same split) and averaged into one model by
 * `averageModels`. Only the first member's epochs reach `hooks.onEpoch`. A stop request
 * ends the retraining after the current epoch and averages the members trained so far.
 */
export async function trainFinalModel(
  split: RatingSplit,
  info: { users: number; items: number; scale: RatingScale },
  config: TrainConfig,
  epochs: number,
  hooks: TrainHooks = {},
  members = DEFAULT_FINAL_MEMBERS,
): Promise<FinalRun> {
  if (!Number.isInteger(members) || members < 1 || members > MAX_MEMBERS) {
    throw new LfmError(
      'invalid-config',
      `Final training: members must be an integer from 1 to ${MAX_MEMBERS}, got ${members}. Use 1 for a single model.`,
      { value: String(members) },
    );
  }
  const finalConfig: TrainConfig = { ...config, epochs: Math.max(1, epochs), patience: 0 };
  const trainAndValidation = concatRatings(split.train, split.validation);

  const results: TrainResult[] = [];
  try {
    for (let member = 0; member < members; member++) {
      const memberConfig = { ...finalConfig, seed: (finalConfig.seed + member) % 2 ** 31 };
      const memberHooks: TrainHooks = member === 0 ? hooks : { shouldStop: hooks.shouldStop };
      const result = await trainModel(
        trainAndValidation,
        NO_RATINGS,
        info,
        memberConfig,
        memberHooks,
      );
      results.push(result);
      if (result.reason !== 'completed') break;
    }
  } catch (error) {
    for (const result of results) result.model.dispose();
    throw error;
  }

  hooks.onTrainingEnd?.();
  const first = results[0] as TrainResult;
  let model = first.model;
  try {
    if (results.length > 1) {
      model = await averageModels(results.map((result) => result.model));
      for (const result of results) result.model.dispose();
    }
    const stopped = results.some((result) => result.reason !== 'completed');
    const report = await scoreOnTest(model, trainAndValidation, split.test, {
      bestEpoch: first.bestEpoch,
      reason: stopped ? 'stopped' : 'completed',
      seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    });
    return {
      model,
      history: first.history,
      report,
      config: finalConfig,
      members: results.length,
      divergence: results.find((result) => result.error !== null)?.error ?? null,
    };
  } catch (error) {
    model.dispose();
    for (const result of results) result.model.dispose();
    throw error;
  }
}
