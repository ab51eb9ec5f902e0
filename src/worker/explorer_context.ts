/**
 * The context each explorer request reads: the current model, and values derived from it once
 * per model. Each request is a function of this context, so the service stays a thin adapter.
 */
import type { ErrorViews } from '../core/eval/error_views';
import type { TrainConfig } from '../core/model/config';
import type { LfmModel, ModelArrays } from '../core/model/lfm_model';
import type { Catalog } from '../core/recommend/catalog';
import type { ErrorViewInputs } from './error_view_inputs';

/** The parts of the session's trained state that the explorer reads. */
export interface ExplorerModel {
  model: LfmModel;
  catalog: Catalog;
  config: TrainConfig;
  /** Inputs of the error views from the model's split; absent for a model loaded from a file. */
  errorInputs?: ErrorViewInputs | null;
}

/** Values derived once per model, because each request would otherwise recompute them. */
export interface Derived {
  arrays: ModelArrays;
  /** Q with unit rows, for cosine similarity. */
  unitItems: Float32Array;
  /** Ratings per item in the catalogue (all loaded ratings, not only the training part). */
  ratingCounts: Int32Array;
  /** Item indices, most-rated first. */
  byPopularity: Int32Array;
  errorViews?: ErrorViews | null;
}

/** The current model and its derived values; throws `not-trained` when there is no model. */
export interface ExplorerContext {
  current(): ExplorerModel;
  derive(): Promise<Derived>;
}
