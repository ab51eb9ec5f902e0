import type {
  BackendChoice,
  BackendInfo,
  DatasetSummary,
  EpochMetrics,
  LoadProgress,
  ModelSummary,
  SplitSummary,
  TestReport,
  TrainConfig,
} from '../../worker/protocol';
import type { AppError, ErrorScope } from './state';
import type { RunsAction } from '../runs/runs_state';

/** Every change the session state can undergo. One action per concept. */
export type SessionAction =
  | { type: 'loadStarted' }
  | { type: 'loadProgressed'; progress: LoadProgress }
  | { type: 'datasetLoaded'; summary: DatasetSummary }
  | { type: 'loadFailed'; error: AppError }
  | { type: 'configFieldEdited'; field: keyof TrainConfig; text: string }
  | { type: 'configReplaced'; config: TrainConfig }
  | { type: 'backendChosen'; backend: BackendChoice }
  | { type: 'trainingRequested' }
  | { type: 'trainingStarted'; config: TrainConfig; backend: BackendInfo; split: SplitSummary }
  | { type: 'epochsEnded'; metrics: EpochMetrics[]; totalEpochs: number }
  | { type: 'stopRequested' }
  | { type: 'scoringStarted' }
  | { type: 'trainingFinished'; report: TestReport }
  | { type: 'trainingFailed'; error: AppError }
  | { type: 'modelImported'; summary: ModelSummary }
  | { type: 'userSelected'; userId: number | null }
  | { type: 'errorRaised'; error: AppError }
  /** The worker died and a fresh one replaced it; `error` describes it. */
  | { type: 'workerRestarted'; error: AppError }
  | { type: 'errorDismissed'; scope: ErrorScope }
  | RunsAction;
