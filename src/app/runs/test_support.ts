import type { EpochMetrics, TestReport } from '../../worker/protocol';
import { buildRunRecord, type RunInput, type RunRecord } from './run_record';

/** Epoch metrics for tests: validation RMSE falls from `startRmse` by 0.1 per epoch, 2 s each. */
export function makeEpochs(count: number, startRmse = 1.2): EpochMetrics[] {
  return Array.from({ length: count }, (_, index) => ({
    epoch: index + 1,
    trainLoss: 1 - index * 0.1,
    l2: 0.01,
    trainMae: 0.8,
    valMse: (startRmse - index * 0.1) ** 2,
    valMae: 0.75,
    valRmse: startRmse - index * 0.1,
    seconds: 2,
  }));
}

export function makeReport(rmse: number, bestEpoch: number): TestReport {
  const metrics = { mae: rmse * 0.8, mse: rmse * rmse, rmse };
  return {
    test: metrics,
    baselines: { globalMean: metrics, biases: metrics },
    unknown: { users: 0, items: 0 },
    bestEpoch,
    reason: 'completed',
    seconds: 7.5,
  };
}

/** A finished ml-100k run on WASM with k 64; `overrides` replace any input. */
export function makeRunInput(overrides: Partial<RunInput> = {}): RunInput {
  return {
    id: 'run-1',
    seq: 1,
    createdAt: '2025-01-02T03:04:05.000Z',
    source: { kind: 'train' },
    dataset: { name: 'u.data', ratings: 100_000, users: 943, items: 1682, synthetic: false },
    split: { seed: 42, train: 80_000, validation: 10_000, test: 10_000 },
    config: {
      k: 64,
      epochs: 3,
      learningRate: 0.005,
      l2: 0.12,
      batchSize: 1000,
      seed: 42,
      patience: 4,
      initStd: 0.01,
    },
    backend: { name: 'wasm', reason: 'chosen', softwareAdapter: false },
    trainingPath: 'adam',
    epochs: makeEpochs(3),
    report: makeReport(0.95, 3),
    error: null,
    ...overrides,
  };
}

export function makeRun(overrides: Partial<RunInput> = {}): RunRecord {
  return buildRunRecord(makeRunInput(overrides));
}
