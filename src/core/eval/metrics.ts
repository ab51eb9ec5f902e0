import { LfmError } from '../errors';

/** Rating error metrics. The same shape as `RatingMetrics` in the worker protocol. */
export interface RatingMetrics {
  mae: number;
  mse: number;
  rmse: number;
}

/** Mean absolute error. NaN for empty arrays. */
export function meanAbsoluteError(predicted: Float32Array, actual: Float32Array): number {
  checkLengths(predicted, actual);
  let sum = 0;
  for (let index = 0; index < actual.length; index++) {
    sum += Math.abs((actual[index] as number) - (predicted[index] as number));
  }
  return sum / actual.length;
}

/** Mean squared error. NaN for empty arrays. */
export function meanSquaredError(predicted: Float32Array, actual: Float32Array): number {
  checkLengths(predicted, actual);
  let sum = 0;
  for (let index = 0; index < actual.length; index++) {
    const error = (actual[index] as number) - (predicted[index] as number);
    sum += error * error;
  }
  return sum / actual.length;
}

/** Root mean squared error. NaN for empty arrays. */
export function rootMeanSquaredError(predicted: Float32Array, actual: Float32Array): number {
  return Math.sqrt(meanSquaredError(predicted, actual));
}

/** MAE, MSE and RMSE in one pass. NaN for empty arrays. */
export function ratingMetrics(predicted: Float32Array, actual: Float32Array): RatingMetrics {
  const mse = meanSquaredError(predicted, actual);
  return { mae: meanAbsoluteError(predicted, actual), mse, rmse: Math.sqrt(mse) };
}

function checkLengths(predicted: Float32Array, actual: Float32Array): void {
  if (predicted.length !== actual.length) {
    throw new LfmError(
      'invalid-format',
      `Metrics: predicted and actual must have one length, got ${predicted.length} and ${actual.length}.`,
    );
  }
}
