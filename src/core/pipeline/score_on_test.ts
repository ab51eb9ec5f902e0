import type { RatingTriples } from '../data/dataset';
import { evaluateModel, type TestReport, type TrainingOutcome } from '../eval/evaluate';
import { evaluateRanking } from '../eval/ranking';
import type { LfmModel } from '../model/lfm_model';

/**
 * Scores a trained model once on the test ratings: rating metrics next to the baselines,
 * then top-10 ranking metrics next to the most-popular baseline. `train` is every rating
 * the model was trained on.
 */
export async function scoreOnTest(
  model: LfmModel,
  train: RatingTriples,
  test: RatingTriples,
  outcome: TrainingOutcome,
): Promise<TestReport> {
  const report = await evaluateModel(model, train, test, outcome);
  report.ranking = await evaluateRanking(model, train, test);
  return report;
}
