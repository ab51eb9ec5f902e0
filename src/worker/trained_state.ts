import type { TestReport } from '../core/eval/evaluate';
import type { TrainConfig } from '../core/model/config';
import type { LfmModel } from '../core/model/lfm_model';
import type { Catalog } from '../core/recommend/catalog';
import type { ErrorViewInputs } from './error_view_inputs';

/** A trained or loaded model with everything the explorer needs beside it. */
export interface TrainedState {
  model: LfmModel;
  catalog: Catalog;
  config: TrainConfig;
  report: TestReport | null;
  /** Inputs of the error views from the split of a model trained in this session. */
  errorInputs?: ErrorViewInputs | null;
}
