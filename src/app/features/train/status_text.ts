import { formatBackend, formatCount, formatSeconds } from '../../format';
import type { BackendInfo, DatasetSummary, EpochMetrics } from '../../../worker/protocol';
import type { RunState } from '../../store/state';

/**
 * Formats the one-line training status, e.g. "Epoch 7 of 20 · WebGPU (software adapter) · about 12 s
 * left". The time left is an estimate: mean epoch seconds so far times the epochs remaining,
 * which overstates it when early stopping ends the run sooner.
 */
export function formatRunStatus(
  run: RunState,
  backend: BackendInfo | null,
  dataset: DatasetSummary | null,
  isLoading: boolean,
): string {
  const backendPart = backend !== null ? ` · ${formatBackend(backend)}` : '';
  const epochCount = run.epochs.length;

  switch (run.status) {
    case 'idle':
      if (isLoading) return 'Reading data…';
      if (dataset === null) return 'No data loaded. Load files or use the demo data.';
      return `Ready to train on ${formatCount(dataset.ratings)} ratings.`;

    case 'starting':
      return 'Starting training: choosing a backend and splitting the ratings…';

    case 'training':
      if (epochCount === 0) return `Training epoch 1 of ${run.totalEpochs}${backendPart}`;
      return `Epoch ${epochCount} of ${run.totalEpochs}${backendPart} · ${formatTimeLeft(run)}`;

    case 'scoring':
      return `Trained ${epochCount} epochs${backendPart} · scoring the test ratings, baselines and top-10 lists…`;

    case 'stopping':
      return `Stopping after epoch ${epochCount + 1}${backendPart}`;

    case 'finished': {
      const report = run.report;
      if (report === null) return `Finished${backendPart}`;
      // Training's wall time, set-up included, as the runs table shows it.
      const total = formatSeconds(report.seconds);
      const ending =
        report.reason === 'completed'
          ? `Finished ${epochCount} epochs`
          : report.reason === 'stopped'
            ? `Stopped after ${epochCount} epochs`
            : `Early stopping after ${epochCount} epochs`;
      return `${ending} in ${total}${backendPart} · kept epoch ${report.bestEpoch}`;
    }

    case 'failed':
      return `Training failed after ${epochCount} epochs${backendPart}`;
  }
}

function formatTimeLeft(run: RunState): string {
  const remaining = run.totalEpochs - run.epochs.length;
  if (remaining <= 0) return 'testing…';
  const meanSeconds = sumSeconds(run.epochs) / run.epochs.length;
  const secondsLeft = meanSeconds * remaining;
  if (secondsLeft < 1) return 'under 1 s left';
  return `about ${formatEstimate(secondsLeft)} left`;
}

function sumSeconds(epochs: EpochMetrics[]): number {
  return epochs.reduce((total, epoch) => total + epoch.seconds, 0);
}

/** Whole seconds: an estimate with decimals would claim a precision it does not have. */
function formatEstimate(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}
