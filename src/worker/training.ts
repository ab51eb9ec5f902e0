/**
 * One training run on the loaded data set: a fresh seeded split, one event per epoch, and a
 * move to the next backend when the active one fails mid-run.
 */
import type { Dataset } from '../core/data/dataset';
import { requireNonEmptyParts, splitRandom } from '../core/data/split';
import type { LfmError } from '../core/errors';
import type { TestReport } from '../core/eval/evaluate';
import type { TrainConfig } from '../core/model/config';
import type { TrainingCheckpoint } from '../core/model/trainer';
import { runTraining } from '../core/pipeline/run_training';
import { catalogFromDataset } from '../core/recommend/catalog';
import { selectBackend } from './backend';
import { runWithFallback } from './backend_fallback';
import { errorViewInputs } from './error_view_inputs';
import type { BackendInfo, BackendName, TrainingEvent } from './protocol';
import type { TrainedState } from './trained_state';

/** Callbacks a run needs from the session besides the data and the settings. */
export interface TrainingHooks {
  onEvent: (event: TrainingEvent) => void | Promise<void>;
  /** Called after each `epochEnd` event is sent; the test faults fire here. */
  afterEpoch: (epoch: number) => void;
  shouldStop: () => boolean;
  /** Called with the backend that failed mid-run, before training moves to the next one. */
  onBackendFailed: (name: BackendName) => void;
}

/** A finished run: the state to make the session's model, and its final events' contents. */
export interface FinishedRun {
  trained: TrainedState;
  report: TestReport;
  /** Set when the loss diverged: training stopped and the model keeps the last good weights. */
  divergence: LfmError | null;
}

/**
 * Trains on a fresh split of `dataset`, starting on `backendInfo`. Sends `started` and one
 * `epochEnd` per epoch; the caller installs the model and sends the final events.
 */
export async function trainOnSplit(
  dataset: Dataset,
  config: TrainConfig,
  backendInfo: BackendInfo,
  hooks: TrainingHooks,
): Promise<FinishedRun> {
  const { onEvent } = hooks;
  const split = splitRandom(dataset.ratings, config.seed);
  requireNonEmptyParts(split, config.seed);
  const sendStarted = (info: BackendInfo): void => {
    onEvent({
      type: 'started',
      config: { ...config },
      backend: info,
      split: {
        seed: config.seed,
        train: split.train.rating.length,
        validation: split.validation.rating.length,
        test: split.test.rating.length,
      },
    });
  };
  sendStarted(backendInfo);

  const info = { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
  // The best weights so far, copied to JavaScript memory: a failed backend's tensors may be
  // unreadable, so this copy is what training resumes from on the next backend.
  let checkpoint: TrainingCheckpoint | null = null;
  const { result: run } = await runWithFallback(backendInfo, {
    run: () =>
      runTraining(
        split,
        info,
        config,
        {
          onEpoch: (metrics) => {
            onEvent({
              type: 'epochEnd',
              metrics: { ...metrics },
              totalEpochs: config.epochs,
            });
            hooks.afterEpoch(metrics.epoch);
          },
          onBestEpoch: async (model, history) => {
            checkpoint = { weights: await model.toArrays(), history: [...history] };
          },
          shouldStop: hooks.shouldStop,
          onTrainingEnd: () => void onEvent({ type: 'scoring' }),
        },
        checkpoint,
      ),
    resumeEpoch: () => checkpoint?.history.length ?? 0,
    activate: (name) => selectBackend(name),
    onFallback: (next, failed) => {
      hooks.onBackendFailed(failed);
      sendStarted(next);
      // `started` clears the page's epochs, so the epochs kept in the checkpoint go again.
      for (const metrics of checkpoint?.history ?? []) {
        onEvent({ type: 'epochEnd', metrics: { ...metrics }, totalEpochs: config.epochs });
      }
    },
  });

  return {
    trained: {
      model: run.model,
      catalog: catalogFromDataset(dataset),
      config,
      report: run.report,
      errorInputs: errorViewInputs(split, dataset.users.size),
    },
    report: run.report,
    divergence: run.divergence,
  };
}
