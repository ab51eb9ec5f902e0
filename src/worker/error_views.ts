import { computeErrorViews, type ErrorViews } from '../core/eval/error_views';
import type { ExplorerContext } from './explorer_context';

/**
 * Computes the test-set error views once per model and caches them with the derived values.
 * Returns null for a model without error view inputs (loaded from a file, or retrained after
 * a search) and for an empty test part.
 */
export async function errorViews(explorer: ExplorerContext): Promise<ErrorViews | null> {
  const { model, errorInputs } = explorer.current();
  const derived = await explorer.derive();
  if (derived.errorViews !== undefined) return derived.errorViews;
  if (errorInputs === undefined || errorInputs === null || errorInputs.test.rating.length === 0) {
    derived.errorViews = null;
    return null;
  }

  const { test, trainCounts } = errorInputs;
  const predicted = await model.predict(test.user, test.item);
  derived.errorViews = computeErrorViews(predicted, test.rating, test.user, trainCounts);
  return derived.errorViews;
}
