import { trainingPathOf } from '../../core/model/config';
import type { SessionController } from '../session/controller';
import { isRunActive, type SessionState } from '../store/state';
import type { SessionStore } from '../store/store';
import { runExportFileName, runsToCsv, runsToJson, type RunExportFormat } from './run_export';
import {
  buildRunRecord,
  markRunFailed,
  nextRunSeq,
  runDatasetOf,
  type RunRecord,
  type RunSource,
} from './run_record';
import { MemoryRunStorage, RunStore, type RunStorage } from './run_store';

/**
 * Records every training run, keeps the records in storage and the session store in step,
 * and carries out the runs table's intents. No React: components call it through context.
 */
export class RunsController {
  private runStore: RunStore;
  private previousState: SessionState;

  constructor(
    private readonly store: SessionStore,
    private readonly session: SessionController,
  ) {
    this.runStore = new RunStore(new MemoryRunStorage());
    this.previousState = store.getState();
    store.subscribe(() => this.onSessionChange());
  }

  /**
   * Reads the stored runs from `openStorage`, or keeps them in memory for this page when it
   * rejects (private windows and some embedded browsers have no IndexedDB).
   */
  async load(openStorage: () => Promise<RunStorage>): Promise<void> {
    let storage: RunStorage;
    let kind: 'indexeddb' | 'memory' = 'indexeddb';
    let notice: string | null = null;
    try {
      storage = await openStorage();
    } catch (error) {
      storage = new MemoryRunStorage();
      kind = 'memory';
      notice = `Runs are kept for this page only: IndexedDB failed (${messageOf(error)}).`;
    }

    // Runs recorded while storage was opening are written to the opened one too.
    const recordedMeanwhile = this.store.getState().runs.records;
    this.runStore = new RunStore(storage);
    try {
      for (const record of recordedMeanwhile) await this.runStore.save(record);
      const { records, rejected } = await this.runStore.list();
      if (rejected.length > 0) {
        notice = `${rejected.length} stored runs could not be read and are hidden: ${rejected[0]}.`;
      }
      this.store.dispatch({ type: 'runsLoaded', records, storage: kind, notice });
    } catch (error) {
      this.store.dispatch({
        type: 'runsLoaded',
        records: [],
        storage: kind,
        notice: `Stored runs could not be read: ${messageOf(error)}.`,
      });
    }
  }

  /** Adds a run made elsewhere, e.g. by a hyper-parameter search, and stores it. */
  async addRun(record: RunRecord): Promise<void> {
    this.store.dispatch({ type: 'runRecorded', record, live: false });
    await this.persist(() => this.runStore.save(record));
  }

  /** Returns the `seq` a new run gets, e.g. for a search building its own records with `buildRunRecord`. */
  nextSeq(): number {
    return nextRunSeq(this.store.getState().runs.records);
  }

  async rename(id: string, name: string): Promise<void> {
    const record = this.findRecord(id);
    if (record === null || name.trim() === '' || name.trim() === record.name) return;
    this.store.dispatch({ type: 'runUpdated', record: { ...record, name: name.trim() } });
    await this.persist(() => this.runStore.rename(record, name));
  }

  async remove(id: string): Promise<void> {
    this.store.dispatch({ type: 'runDeleted', id });
    await this.persist(() => this.runStore.remove(id));
  }

  async removeAll(): Promise<void> {
    this.store.dispatch({ type: 'runsCleared' });
    await this.persist(() => this.runStore.clear());
  }

  select(id: string, selected: boolean): void {
    this.store.dispatch({ type: 'runSelected', id, selected });
  }

  allowOtherDatasets(allowed: boolean): void {
    this.store.dispatch({ type: 'otherDatasetsAllowed', allowed });
  }

  /** Trains again with the run's config and backend on the loaded data set. */
  async retrain(id: string): Promise<void> {
    const record = this.findRecord(id);
    const state = this.store.getState();
    if (record === null || state.dataset === null || isRunActive(state.run.status)) return;

    this.store.dispatch({ type: 'configReplaced', config: record.config });
    this.store.dispatch({ type: 'backendChosen', backend: record.backend.name });
    await this.session.train();
  }

  /** Returns the selected runs, or all when none is selected, as file text and a file name. */
  exportRuns(format: RunExportFormat): { text: string; fileName: string; mimeType: string } {
    const { records, selectedIds } = this.store.getState().runs;
    const chosen =
      selectedIds.length === 0
        ? records
        : records.filter((record) => selectedIds.includes(record.id));
    const exportedAt = new Date().toISOString();

    const text = format === 'json' ? runsToJson(chosen, exportedAt) : runsToCsv(chosen);
    const mimeType = format === 'json' ? 'application/json' : 'text/csv';
    return { text, fileName: runExportFileName(chosen.length, exportedAt, format), mimeType };
  }

  /** Watches the live run: releases the live slot when training starts and records the run when it ends. */
  private onSessionChange(): void {
    const previous = this.previousState;
    const current = this.store.getState();
    this.previousState = current;
    if (previous.run === current.run) return;

    const was = previous.run.status;
    const now = current.run.status;
    // Dispatching from inside a store listener would interleave with the other listeners.
    if (now === 'starting' && was !== 'starting') {
      queueMicrotask(() => this.store.dispatch({ type: 'liveRunReleased' }));
      return;
    }

    const ended = isRunActive(was) && (now === 'finished' || now === 'failed');
    const divergedAfterReport = was === 'finished' && now === 'failed';
    if (ended) queueMicrotask(() => void this.recordLiveRun(current));
    if (divergedAfterReport) queueMicrotask(() => void this.markLiveRunFailed(current));
  }

  private async recordLiveRun(state: SessionState): Promise<void> {
    const { dataset, run, backend } = state;
    // A run that failed before its first epoch has nothing to compare.
    if (dataset === null || backend === null || run.config === null || run.split === null) return;
    if (run.epochs.length === 0) return;

    const failed = run.status === 'failed';
    const source: RunSource = { kind: 'train' };
    const record = buildRunRecord({
      id: newRunId(),
      seq: this.nextSeq(),
      createdAt: new Date().toISOString(),
      source,
      dataset: runDatasetOf(dataset),
      split: run.split,
      config: run.config,
      backend,
      trainingPath: trainingPathOf(run.config),
      epochs: run.epochs,
      report: failed ? null : run.report,
      error: failed ? (state.lastError?.message ?? 'Training failed.') : null,
    });

    this.store.dispatch({ type: 'runRecorded', record, live: true });
    await this.persist(() => this.runStore.save(record));
  }

  private async markLiveRunFailed(state: SessionState): Promise<void> {
    const { liveRunId } = this.store.getState().runs;
    const record = liveRunId === null ? null : this.findRecord(liveRunId);
    if (record === null) return;

    const failed = markRunFailed(record, state.lastError?.message ?? 'Training failed.');
    this.store.dispatch({ type: 'runUpdated', record: failed });
    await this.persist(() => this.runStore.save(failed));
  }

  private findRecord(id: string): RunRecord | null {
    return this.store.getState().runs.records.find((record) => record.id === id) ?? null;
  }

  /** Runs a storage write; a failure keeps the change for this page and shows a notice in the runs table. */
  private async persist(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.store.dispatch({
        type: 'runsNoticeRaised',
        notice: `Saving runs failed, so the last change lasts until reload: ${messageOf(error)}.`,
      });
    }
  }
}

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
