import { stepSizeOf, trainingPathOf } from '../../core/model/config';
import type {
  BackendInfo,
  EpochMetrics,
  SearchEvent,
  SplitSummary,
  TrainConfig,
  TrialResult,
} from '../../worker/protocol';
import { buildRunRecord, searchTrialName, type RunDataset, type RunRecord } from './run_record';

/** The part of `RunsController` that a search needs to record its trials. */
export interface TrialRunSink {
  nextSeq(): number;
  addRun(record: RunRecord): Promise<void>;
}

/** The trial whose epochs are arriving. */
interface OpenTrial {
  trial: number;
  config: TrainConfig;
  epochs: EpochMetrics[];
}

/** Returns the number of the next search: one more than the searches among `records`. */
export function nextSearchNumber(records: readonly RunRecord[]): number {
  const searchIds = new Set<string>();
  for (const record of records) {
    if (record.source.kind === 'search') searchIds.add(record.source.searchId);
  }
  // NOTE: deleting every trial of an earlier search lowers the count, so a later search can
  // get the number of one still listed. The searchId keeps them apart.
  return searchIds.size + 1;
}

/**
 * Turns one search's events into run records: every trial that finished at least one epoch
 * becomes a run, without a test report because trials never read the test ratings. A trial
 * that diverged, or that was cut short by a failed search, is recorded as `failed`.
 */
export class SearchRunRecorder {
  private backend: BackendInfo | null = null;
  private split: SplitSummary | null = null;
  private open: OpenTrial | null = null;

  constructor(
    private readonly sink: TrialRunSink,
    private readonly dataset: RunDataset,
    private readonly searchId: string,
    private readonly searchNumber: number,
  ) {}

  /** Applies one search event, and records a run when a trial ends. */
  handle(event: SearchEvent): void {
    switch (event.type) {
      case 'searchStarted':
        this.backend = event.backend;
        this.split = event.split;
        return;
      case 'trialStarted':
        this.open = { trial: event.trial, config: event.config, epochs: [] };
        return;
      case 'trialEpoch':
        if (this.open?.trial === event.trial) this.open.epochs.push(event.metrics);
        return;
      case 'trialFinished':
        this.finishTrial(event.result);
        return;
      case 'searchFailed':
        this.failOpenTrial(event.error.message);
        return;
      case 'searchFinished':
        this.open = null;
        return;
    }
  }

  /** Records the trial in progress, if it finished an epoch, as failed with `message`. */
  failOpenTrial(message: string): void {
    this.recordOpenTrial(null, `Search failed during this trial: ${message}`);
  }

  private finishTrial(result: TrialResult): void {
    if (this.open?.trial !== result.trial) return;
    this.open.config = result.config;

    if (result.reason === 'diverged') {
      const message =
        `Trial ${result.trial} diverged: the loss became NaN or Infinity with learning rate ` +
        `${stepSizeOf(result.config)}, so it stopped after epoch ${result.epochsRun}.`;
      this.recordOpenTrial(null, message);
    } else {
      this.recordOpenTrial(result.reason, null);
    }
  }

  private recordOpenTrial(
    endReason: 'completed' | 'stopped' | 'early-stopping' | null,
    error: string | null,
  ): void {
    const open = this.open;
    this.open = null;
    // Like a training run that failed before its first epoch, such a trial has nothing to compare.
    if (open === null || open.epochs.length === 0) return;
    if (this.backend === null || this.split === null) return;

    const seq = this.sink.nextSeq();
    const record = buildRunRecord({
      id: `run-${this.searchId}-trial-${open.trial}`,
      seq,
      createdAt: new Date().toISOString(),
      source: { kind: 'search', searchId: this.searchId, trial: open.trial },
      dataset: this.dataset,
      split: this.split,
      config: open.config,
      backend: this.backend,
      trainingPath: trainingPathOf(open.config),
      epochs: open.epochs,
      report: null,
      error,
      endReason: endReason ?? undefined,
      name: searchTrialName(this.searchNumber, open.trial, open.config),
    });
    void this.sink.addRun(record);
  }
}

/** Returns a new id for one search, shared by the runs of its trials. */
export function newSearchId(): string {
  return `search-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
