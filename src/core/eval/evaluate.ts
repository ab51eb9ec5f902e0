import type { RatingTriples } from '../data/dataset';
import type { LfmModel } from '../model/lfm_model';
import {
  DEFAULT_BIAS_BASELINE,
  fitBiasBaseline,
  globalMean,
  predictBiasBaseline,
  type BiasBaselineSettings,
} from './baselines';
import { ratingMetrics, type RatingMetrics } from './metrics';
import type { RankingReport } from './ranking';

/** How training went; copied into the report. */
export interface TrainingOutcome {
  bestEpoch: number;
  reason: 'completed' | 'stopped' | 'early-stopping';
  seconds: number;
}

/** The test report. The same shape as `TestReport` in the worker protocol. */
export interface TestReport {
  test: RatingMetrics;
  baselines: { globalMean: RatingMetrics; biases: RatingMetrics };
  /** Test ratings whose user or item has no training rating (they use the fallback rule). */
  unknown: { users: number; items: number };
  /** Top-10 ranking metrics of the model and the most-popular baseline; absent in old files. */
  ranking?: RankingReport;
  bestEpoch: number;
  reason: 'completed' | 'stopped' | 'early-stopping';
  seconds: number;
}

/**
 * Scores a trained model on the test ratings next to two baselines fitted on the same
 * training ratings: the global mean, and mu + b_u + b_i fitted by `fitBiasBaseline`.
 * All predictions are clipped to the model's rating scale. Metrics are NaN for an empty
 * test set.
 */
export async function evaluateModel(
  model: LfmModel,
  train: RatingTriples,
  test: RatingTriples,
  outcome: TrainingOutcome,
  biasSettings: BiasBaselineSettings = DEFAULT_BIAS_BASELINE,
): Promise<TestReport> {
  const { users, items, scale } = model.info;
  const predicted = await model.predict(test.user, test.item);

  const mean = Math.min(scale.max, Math.max(scale.min, globalMean(train)));
  const meanPredicted = new Float32Array(test.rating.length).fill(mean);
  const biases = fitBiasBaseline(train, users, items, biasSettings);
  const biasPredicted = predictBiasBaseline(biases, test.user, test.item, scale);

  let unknownUsers = 0;
  let unknownItems = 0;
  for (let index = 0; index < test.rating.length; index++) {
    if (model.knownUsers[test.user[index] as number] !== 1) unknownUsers++;
    if (model.knownItems[test.item[index] as number] !== 1) unknownItems++;
  }

  return {
    test: ratingMetrics(predicted, test.rating),
    baselines: {
      globalMean: ratingMetrics(meanPredicted, test.rating),
      biases: ratingMetrics(biasPredicted, test.rating),
    },
    unknown: { users: unknownUsers, items: unknownItems },
    bestEpoch: outcome.bestEpoch,
    reason: outcome.reason,
    seconds: outcome.seconds,
  };
}
