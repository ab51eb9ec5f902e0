import type { Dataset } from '../core/data/dataset';
import { requireNonEmptyParts, splitRandom, type RatingSplit } from '../core/data/split';
import { LfmError } from '../core/errors';
import type { TrainConfig } from '../core/model/config';
import { trainFinalModel, type FinalRun } from '../core/tune/final_training';
import { runSearch } from '../core/tune/search';
import type { BackendInfo, SplitSummary, TrainingEvent } from './protocol';
import type { SearchEvent, SearchRequest } from './search_protocol';

/** The best trial of the last search, kept for `trainBest`. */
interface BestTrial {
  dataset: Dataset;
  config: TrainConfig;
  bestEpoch: number;
}

/**
 * The worker's side of the search: turns core callbacks into protocol events and keeps the
 * best trial between a search and its retraining. The session owns exclusivity, the backend
 * and the trained model.
 */
export class SearchRunner {
  private best: BestTrial | null = null;

  async search(
    dataset: Dataset,
    request: SearchRequest,
    backend: BackendInfo,
    onEvent: (event: SearchEvent) => void,
    shouldStop: () => boolean,
  ): Promise<void> {
    this.best = null;
    const split = splitRandom(dataset.ratings, request.base.seed);
    requireNonEmptyParts(split, request.base.seed);
    onEvent({
      type: 'searchStarted',
      totalTrials: request.trials,
      backend,
      split: splitSummary(split, request.base.seed),
    });

    const result = await runSearch(
      { train: split.train, validation: split.validation },
      infoOf(dataset),
      request,
      {
        onTrialStart: (trial, config) =>
          onEvent({ type: 'trialStarted', trial, config: { ...config } }),
        onTrialEpoch: (trial, metrics) =>
          onEvent({
            type: 'trialEpoch',
            trial,
            metrics: { ...metrics },
            totalEpochs: request.base.epochs,
          }),
        onTrialEnd: (trial) =>
          onEvent({ type: 'trialFinished', result: { ...trial, config: { ...trial.config } } }),
        shouldStop,
      },
    );

    const best = result.trials[result.bestIndex];
    if (best !== undefined) {
      this.best = { dataset, config: best.config, bestEpoch: best.bestEpoch };
    }
    onEvent({
      type: 'searchFinished',
      bestTrial: best?.trial ?? null,
      cancelled: result.cancelled,
    });
  }

  /** Retrains the best trial on train + validation; throws `no-search` without one. */
  async trainBest(
    dataset: Dataset,
    backend: BackendInfo,
    onEvent: (event: TrainingEvent) => void | Promise<void>,
    shouldStop: () => boolean,
  ): Promise<FinalRun> {
    const best = this.best;
    if (best === null || best.dataset !== dataset) {
      throw new LfmError(
        'no-search',
        'Search: no finished search on the loaded data set. Run a search first.',
      );
    }

    const split = splitRandom(dataset.ratings, best.config.seed);
    const epochs = Math.max(1, best.bestEpoch);
    // The final model trains on train + validation, so the run has no validation part.
    const summary = splitSummary(split, best.config.seed);
    onEvent({
      type: 'started',
      config: { ...best.config, epochs, patience: 0 },
      backend,
      split: { ...summary, train: summary.train + summary.validation, validation: 0 },
    });
    return trainFinalModel(split, infoOf(dataset), best.config, epochs, {
      onEpoch: (metrics) =>
        onEvent({ type: 'epochEnd', metrics: { ...metrics }, totalEpochs: epochs }),
      shouldStop,
      onTrainingEnd: () => void onEvent({ type: 'scoring' }),
    });
  }
}

function infoOf(dataset: Dataset) {
  return { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
}

function splitSummary(split: RatingSplit, seed: number): SplitSummary {
  return {
    seed,
    train: split.train.rating.length,
    validation: split.validation.rating.length,
    test: split.test.rating.length,
  };
}
