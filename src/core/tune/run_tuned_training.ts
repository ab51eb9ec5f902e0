import type { RatingScale } from '../data/dataset';
import type { RatingSplit } from '../data/split';
import { LfmError } from '../errors';
import type { TrainHooks } from '../model/trainer';
import { DEFAULT_FINAL_MEMBERS, trainFinalModel, type FinalRun } from './final_training';
import { runSearch, type SearchHooks, type SearchResult, type SearchSpec } from './search';

export interface TunedRun {
  search: SearchResult;
  /** The best trial's config retrained on train + validation and tested once. */
  final: FinalRun;
}

/**
 * Runs the whole tuning procedure: the search on train and validation (the test ratings are
 * not passed to it), then the best trial's config retrained on train + validation for its
 * best epoch count (averaging `members` models), then one test. The command line runs this; the app runs the same two
 * steps as separate requests.
 *
 * Throws `training-diverged` when no trial finished an epoch with a finite validation RMSE.
 */
export async function runTunedTraining(
  split: RatingSplit,
  info: { users: number; items: number; scale: RatingScale },
  spec: SearchSpec,
  hooks: { search?: SearchHooks; final?: TrainHooks } = {},
  members = DEFAULT_FINAL_MEMBERS,
): Promise<TunedRun> {
  const search = await runSearch(
    { train: split.train, validation: split.validation },
    info,
    spec,
    hooks.search,
  );
  const best = search.trials[search.bestIndex];
  if (best === undefined) {
    throw new LfmError(
      'training-diverged',
      `Search: no trial of ${search.trials.length} reached a finite validation RMSE. Lower the learning rate and search again.`,
    );
  }

  const final = await trainFinalModel(
    split,
    info,
    best.config,
    best.bestEpoch,
    hooks.final,
    members,
  );
  return { search, final };
}
