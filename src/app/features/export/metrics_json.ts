import type { ErrorViews, ModelSummary } from '../../../worker/protocol';
import type { RunState } from '../../store/state';

/**
 * Gathers what the charts and tables show into one plain object for the JSON download.
 * Typed arrays become number arrays, and an open bucket bound (Infinity) becomes null.
 */
export function buildMetricsJson(
  model: ModelSummary | null,
  run: RunState,
  views: ErrorViews | null,
): Record<string, unknown> {
  return {
    model,
    split: run.split,
    epochs: run.epochs,
    report: run.report ?? (model === null ? null : { test: model.test }),
    errorViews:
      views === null
        ? null
        : {
            testRatings: views.testRatings,
            sample: {
              predicted: Array.from(views.sample.predicted),
              actual: Array.from(views.sample.actual),
            },
            byActual: views.byActual,
            errorHistogram: views.errorHistogram,
            byActivity: views.byActivity.map((bucket) => ({
              ...bucket,
              maxRatings: Number.isFinite(bucket.maxRatings) ? bucket.maxRatings : null,
            })),
          },
  };
}
