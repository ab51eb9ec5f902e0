import { createRng } from '../data/random';

/** Mean prediction for the test ratings of one actual value. */
export interface ActualBin {
  actual: number;
  meanPredicted: number;
  count: number;
}

/** Test ratings whose error r − r̂ lies in [from, to). */
export interface ErrorBin {
  from: number;
  to: number;
  count: number;
}

/** RMSE over the test ratings of users whose training-rating count lies in [min, max]. */
export interface ActivityBucket {
  label: string;
  minRatings: number;
  /** Infinity for the open last bucket; JSON turns it into null. */
  maxRatings: number;
  users: number;
  ratings: number;
  rmse: number;
}

/** The data of the error views, in plain numbers and typed arrays that can cross to the UI. */
export interface ErrorViews {
  testRatings: number;
  /** A seeded sample of (predicted, actual) pairs, at most `maxScatterPoints`. */
  sample: { predicted: Float32Array; actual: Float32Array };
  byActual: ActualBin[];
  errorHistogram: ErrorBin[];
  byActivity: ActivityBucket[];
}

export interface ErrorViewOptions {
  maxScatterPoints: number;
  /** Width of an error-histogram bin, in rating units. */
  binWidth: number;
  /** Lower edges of the activity buckets, ascending; the first should be 0 or 1. */
  activityEdges: number[];
  seed: number;
}

export const DEFAULT_ERROR_VIEW_OPTIONS: ErrorViewOptions = {
  maxScatterPoints: 1500,
  binWidth: 0.25,
  activityEdges: [0, 20, 50, 100, 200, 500],
  seed: 7,
};

/**
 * Summarises test predictions for the error views: a sampled predicted-vs-actual scatter,
 * the mean prediction per actual rating, a histogram of errors r − r̂ and RMSE per bucket of
 * user activity (the user's number of training ratings, from `trainCounts`). `predicted`
 * should be the clipped predictions the metrics use. Empty buckets are left out.
 */
export function computeErrorViews(
  predicted: Float32Array,
  actual: Float32Array,
  testUsers: Int32Array,
  trainCounts: Int32Array,
  options: ErrorViewOptions = DEFAULT_ERROR_VIEW_OPTIONS,
): ErrorViews {
  const count = actual.length;
  return {
    testRatings: count,
    sample: sampleScatter(predicted, actual, options),
    byActual: meanByActual(predicted, actual),
    errorHistogram: errorHistogram(predicted, actual, options.binWidth),
    byActivity: rmseByActivity(predicted, actual, testUsers, trainCounts, options.activityEdges),
  };
}

function sampleScatter(
  predicted: Float32Array,
  actual: Float32Array,
  options: ErrorViewOptions,
): ErrorViews['sample'] {
  const count = actual.length;
  const size = Math.min(count, options.maxScatterPoints);
  // Selection sampling (Knuth's algorithm S) keeps the test order and needs no index array.
  const random = createRng(options.seed);
  const samplePredicted = new Float32Array(size);
  const sampleActual = new Float32Array(size);
  let taken = 0;
  for (let index = 0; index < count && taken < size; index++) {
    if (random() * (count - index) < size - taken) {
      samplePredicted[taken] = predicted[index] as number;
      sampleActual[taken] = actual[index] as number;
      taken++;
    }
  }
  return { predicted: samplePredicted, actual: sampleActual };
}

function meanByActual(predicted: Float32Array, actual: Float32Array): ActualBin[] {
  const sums = new Map<number, { sum: number; count: number }>();
  for (let index = 0; index < actual.length; index++) {
    const value = actual[index] as number;
    const entry = sums.get(value) ?? { sum: 0, count: 0 };
    entry.sum += predicted[index] as number;
    entry.count += 1;
    sums.set(value, entry);
  }
  return Array.from(sums, ([value, { sum, count }]) => ({
    actual: value,
    meanPredicted: sum / count,
    count,
  })).sort((a, b) => a.actual - b.actual);
}

function errorHistogram(
  predicted: Float32Array,
  actual: Float32Array,
  binWidth: number,
): ErrorBin[] {
  if (actual.length === 0) return [];
  let smallest = Infinity;
  let largest = -Infinity;
  for (let index = 0; index < actual.length; index++) {
    const error = (actual[index] as number) - (predicted[index] as number);
    smallest = Math.min(smallest, error);
    largest = Math.max(largest, error);
  }
  const start = Math.floor(smallest / binWidth);
  const bins = Math.floor(largest / binWidth) - start + 1;
  const counts = new Int32Array(bins);
  for (let index = 0; index < actual.length; index++) {
    const error = (actual[index] as number) - (predicted[index] as number);
    counts[Math.floor(error / binWidth) - start]! += 1;
  }
  return Array.from(counts, (binCount, bin) => ({
    from: (start + bin) * binWidth,
    to: (start + bin + 1) * binWidth,
    count: binCount,
  }));
}

function rmseByActivity(
  predicted: Float32Array,
  actual: Float32Array,
  testUsers: Int32Array,
  trainCounts: Int32Array,
  edges: number[],
): ActivityBucket[] {
  const squares = new Float64Array(edges.length);
  const ratings = new Int32Array(edges.length);
  const users = edges.map(() => new Set<number>());
  for (let index = 0; index < actual.length; index++) {
    const user = testUsers[index] as number;
    const activity = trainCounts[user] ?? 0;
    let bucket = 0;
    while (bucket + 1 < edges.length && activity >= (edges[bucket + 1] as number)) bucket++;
    const error = (actual[index] as number) - (predicted[index] as number);
    squares[bucket] = (squares[bucket] as number) + error * error;
    ratings[bucket]! += 1;
    users[bucket]!.add(user);
  }

  const buckets: ActivityBucket[] = [];
  for (let bucket = 0; bucket < edges.length; bucket++) {
    if (ratings[bucket] === 0) continue;
    const minRatings = edges[bucket] as number;
    const next = edges[bucket + 1];
    const maxRatings = next === undefined ? Infinity : next - 1;
    buckets.push({
      label: next === undefined ? `${minRatings}+` : `${minRatings}–${maxRatings}`,
      minRatings,
      maxRatings,
      users: users[bucket]!.size,
      ratings: ratings[bucket] as number,
      rmse: Math.sqrt((squares[bucket] as number) / (ratings[bucket] as number)),
    });
  }
  return buckets;
}
