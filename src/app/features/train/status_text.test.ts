import { describe, expect, it } from 'vitest';

import type { EpochMetrics, TestReport } from '../../../worker/protocol';
import { IDLE_RUN, type RunState } from '../../store/state';
import { formatRunStatus } from './status_text';

const metrics = { rmse: 0.9, mse: 0.81, mae: 0.7 };

function epoch(index: number, seconds: number): EpochMetrics {
  return {
    epoch: index,
    trainLoss: 1,
    trainMse: 0.8,
    l2: 0.2,
    trainMae: 0.7,
    valMse: 0.85,
    valRmse: 0.92,
    valMae: 0.72,
    seconds,
  } as EpochMetrics;
}

describe('formatRunStatus', () => {
  it('gives the training wall time when finished', () => {
    const report = {
      test: metrics,
      baselines: { globalMean: metrics, biases: metrics },
      unknown: { users: 0, items: 0 },
      bestEpoch: 2,
      reason: 'completed',
      seconds: 4.2,
    } as TestReport;
    const run: RunState = {
      ...IDLE_RUN,
      status: 'finished',
      totalEpochs: 3,
      epochs: [epoch(1, 1), epoch(2, 1), epoch(3, 1)],
      report,
    };

    const text = formatRunStatus(run, null, null, false);

    // The epochs sum to 3 s; the wall time includes the set-up before epoch 1.
    expect(text).toContain('Finished 3 epochs in 4.20 s');
    expect(text).toContain('kept epoch 2');
  });

  it('says the test part is being scored', () => {
    const run: RunState = {
      ...IDLE_RUN,
      status: 'scoring',
      totalEpochs: 80,
      epochs: [epoch(1, 1), epoch(2, 1)],
    };

    expect(formatRunStatus(run, null, null, false)).toBe(
      'Trained 2 epochs · scoring the test ratings, baselines and top-10 lists…',
    );
  });
});
