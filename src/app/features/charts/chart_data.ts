import type { EpochMetrics } from '../../../worker/protocol';
import type { EpochPoint, SeriesSpec } from './MetricChart';

/**
 * Renames the worker's fields to the charts' series keys and adds the seconds elapsed since
 * the first epoch started. Called once per new epochs array.
 */
export function toEpochPoints(epochs: readonly EpochMetrics[]): EpochPoint[] {
  let elapsed = 0;
  return epochs.map((metrics) => {
    elapsed += metrics.seconds;
    return {
      epoch: metrics.epoch,
      seconds: metrics.seconds,
      elapsedSeconds: elapsed,
      trainMse: metrics.trainLoss,
      l2: metrics.l2,
      valMse: metrics.valMse,
      trainMae: metrics.trainMae,
      valMae: metrics.valMae,
      valRmse: metrics.valRmse,
    };
  });
}

export const LOSS_SERIES: SeriesSpec[] = [
  { key: 'trainMse', name: 'Train MSE', color: 'var(--series-1)' },
  { key: 'valMse', name: 'Validation MSE', color: 'var(--series-2)' },
  { key: 'l2', name: 'L2 term', color: 'var(--series-3)', rightAxis: true, dashed: true },
];

export const MAE_SERIES: SeriesSpec[] = [
  { key: 'trainMae', name: 'Train MAE', color: 'var(--series-1)' },
  { key: 'valMae', name: 'Validation MAE', color: 'var(--series-2)' },
];

export const RMSE_SERIES: SeriesSpec[] = [
  { key: 'valRmse', name: 'Validation RMSE', color: 'var(--series-2)' },
];
