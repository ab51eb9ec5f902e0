import type { EpochMetrics } from '../../../worker/protocol';
import type { EpochPoint, SeriesSpec } from './MetricChart';

/** Renames the worker's fields to the charts' series keys. Called once per new epochs array. */
export function toEpochPoints(epochs: EpochMetrics[]): EpochPoint[] {
  return epochs.map((metrics) => ({
    epoch: metrics.epoch,
    seconds: metrics.seconds,
    trainMse: metrics.trainLoss,
    l2: metrics.l2,
    valMse: metrics.valMse,
    trainMae: metrics.trainMae,
    valMae: metrics.valMae,
    valRmse: metrics.valRmse,
  }));
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
