import type {
  BackendInfo,
  BackendName,
  DatasetSummary,
  EpochMetrics,
  SplitSummary,
  TestReport,
  TrainConfig,
} from '../../worker/protocol';
import { stepSizeOf, trainingPathOf } from '../../core/model/config';

/**
 * Version of the stored run record layout. Raise it when a field changes meaning or shape,
 * and add a step to `MIGRATIONS` that lifts records of the previous version.
 */
export const RUN_SCHEMA_VERSION = 1;

/** The data set a run trained on, enough to tell whether it is the one loaded now. */
export interface RunDataset {
  name: string;
  ratings: number;
  users: number;
  items: number;
  synthetic: boolean;
}

/** Origin of a run: the Train button, or one trial of a hyper-parameter search. */
export type RunSource = { kind: 'train' } | { kind: 'search'; searchId: string; trial: number };

/** End state of a run. `failed` covers a diverged run and a worker error after some epochs. */
export type RunStatus = 'completed' | 'stopped' | 'early-stopping' | 'failed';

/** One epoch's metrics plus the seconds since the first epoch started. */
export interface RunEpoch extends EpochMetrics {
  /** Sum of the `seconds` of this and all earlier epochs; the start-up before epoch 1 is not in it. */
  elapsedSeconds: number;
}

/** One training run as stored in IndexedDB and exported. Plain data, safe to structured-clone. */
export interface RunRecord {
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  id: string;
  /** 1, 2, 3, ... in the order runs were recorded; the `#n` of the default name. */
  seq: number;
  name: string;
  /** ISO 8601 time the run was recorded. */
  createdAt: string;
  source: RunSource;
  status: RunStatus;
  dataset: RunDataset;
  split: SplitSummary;
  config: TrainConfig;
  backend: BackendInfo;
  /** Update rule of the epochs: `adam` or `fused-sgd`, as `config.trainingPath` (default `adam`). */
  trainingPath: string;
  epochs: RunEpoch[];
  /** The test report, or null for a run that failed before it was scored and for a search trial. */
  report: TestReport | null;
  /** Seconds from the first epoch to the end of training, as the report or the epochs give it. */
  wallSeconds: number;
  /** The error message of a failed run, else null. */
  error: string | null;
}

/** Everything `buildRunRecord` needs, all of it plain values the caller already has. */
export interface RunInput {
  id: string;
  seq: number;
  createdAt: string;
  source: RunSource;
  dataset: RunDataset;
  split: SplitSummary;
  config: TrainConfig;
  backend: BackendInfo;
  trainingPath: string;
  epochs: readonly EpochMetrics[];
  report: TestReport | null;
  error: string | null;
  /**
   * End reason of a run without a test report, such as a search trial. `report.reason` wins
   * when both are set, and a run with neither, or with an `error`, is `failed`.
   */
  endReason?: 'completed' | 'stopped' | 'early-stopping';
  /** Name to use instead of the default one. */
  name?: string;
}

const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** "SGD 0.05" or "Adam 0.007": the training path and its step size. */
function describeStep(config: TrainConfig): string {
  return `${trainingPathOf(config) === 'fused-sgd' ? 'SGD' : 'Adam'} ${stepSizeOf(config)}`;
}

/**
 * "k 64 · SGD 0.05 · WASM #3": the settings people compare most, with the training path, and
 * the run number.
 */
export function defaultRunName(config: TrainConfig, backend: BackendName, seq: number): string {
  return `k ${config.k} · ${describeStep(config)} · ${BACKEND_LABELS[backend]} #${seq}`;
}

/** "Search 1 · trial 2 · k 32 · SGD 0.04": the search, the trial and the sampled settings. */
export function searchTrialName(search: number, trial: number, config: TrainConfig): string {
  return `Search ${search} · trial ${trial} · k ${config.k} · ${describeStep(config)}`;
}

/** Returns the `seq` for the next run: one more than the largest recorded so far. */
export function nextRunSeq(records: readonly RunRecord[]): number {
  let largest = 0;
  for (const record of records) largest = Math.max(largest, record.seq);
  return largest + 1;
}

/** Builds a run record from one finished or failed training run. */
export function buildRunRecord(input: RunInput): RunRecord {
  let elapsed = 0;
  const epochs = input.epochs.map((metrics) => {
    elapsed += metrics.seconds;
    return { ...metrics, elapsedSeconds: elapsed };
  });

  let status: RunStatus = 'failed';
  if (input.error === null) status = input.report?.reason ?? input.endReason ?? 'failed';

  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: input.id,
    seq: input.seq,
    name: input.name ?? defaultRunName(input.config, input.backend.name, input.seq),
    createdAt: input.createdAt,
    source: input.source,
    status,
    dataset: { ...input.dataset },
    split: { ...input.split },
    config: { ...input.config },
    backend: { ...input.backend },
    trainingPath: input.trainingPath,
    epochs,
    report: input.report,
    wallSeconds: input.report?.seconds ?? elapsed,
    error: input.error,
  };
}

/** Marks a recorded run as failed, e.g. when a divergence error follows its test report. */
export function markRunFailed(record: RunRecord, message: string): RunRecord {
  return { ...record, status: 'failed', error: message };
}

/** Copies the identifying part of a loaded data set's summary. */
export function runDatasetOf(summary: DatasetSummary): RunDataset {
  return {
    name: summary.name,
    ratings: summary.ratings,
    users: summary.users,
    items: summary.items,
    synthetic: summary.synthetic,
  };
}

/**
 * True when a run may join the charts: no data set is loaded to compare against, the run
 * trained on the loaded one, or the user chose to compare runs of other data sets too.
 */
export function isComparable(
  record: RunRecord,
  loaded: DatasetSummary | null,
  allowOtherDatasets: boolean,
): boolean {
  return (
    loaded === null || allowOtherDatasets || isSameDataset(record.dataset, runDatasetOf(loaded))
  );
}

/** True when both describe the same data set: same name and the same rating, user and item counts. */
export function isSameDataset(run: RunDataset, loaded: RunDataset): boolean {
  return (
    run.name === loaded.name &&
    run.ratings === loaded.ratings &&
    run.users === loaded.users &&
    run.items === loaded.items
  );
}

/**
 * Finds the epoch whose weights the run kept: the test report's best epoch, else the last
 * epoch. A search trial has no report, so its epoch is chosen as the trainer chose it: the
 * lowest validation RMSE, the earlier on a tie, and the last epoch when validation is empty.
 */
export function keptEpoch(record: RunRecord): RunEpoch | null {
  if (record.report === null && record.source.kind === 'search') {
    let best: RunEpoch | null = null;
    for (const epoch of record.epochs) {
      const noValidation = Number.isNaN(epoch.valRmse);
      if (best === null || noValidation || epoch.valRmse < best.valRmse) best = epoch;
    }
    return best;
  }

  const bestEpoch = record.report?.bestEpoch;
  const kept = record.epochs.find((epoch) => epoch.epoch === bestEpoch);
  return kept ?? record.epochs.at(-1) ?? null;
}

// Migration: a record is lifted one version at a time until it reaches RUN_SCHEMA_VERSION.

/** Lifts a record of version `n` (the key) to version `n + 1`. Empty while only version 1 exists. */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;
const MIGRATIONS: Record<number, Migration> = {};

/** Result of reading one stored value: the record, or why it was rejected. */
export type DecodedRun =
  { ok: true; record: RunRecord; migrated: boolean } | { ok: false; reason: string };

/** The schema to decode to and the steps that reach it; tests pass their own. */
export interface SchemaSteps {
  currentVersion: number;
  migrations: Record<number, Migration>;
}

const CURRENT_SCHEMA: SchemaSteps = { currentVersion: RUN_SCHEMA_VERSION, migrations: MIGRATIONS };

/**
 * Migrates a stored value to the current schema and checks its shape. Rejects values of a
 * newer schema (written by a newer version of the app) rather than guessing at them.
 */
export function decodeRunRecord(value: unknown, schema: SchemaSteps = CURRENT_SCHEMA): DecodedRun {
  if (!isObject(value)) return { ok: false, reason: `expected an object, got ${typeof value}` };

  let record = value;
  let version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      reason: `schemaVersion must be a positive integer, got ${String(version)}`,
    };
  }
  if (version > schema.currentVersion) {
    return {
      ok: false,
      reason: `schemaVersion ${version} is newer than ${schema.currentVersion}; open the app version that wrote it`,
    };
  }

  const startVersion = version;
  while (version < schema.currentVersion) {
    const migrate = schema.migrations[version];
    if (migrate === undefined) return { ok: false, reason: `no migration from version ${version}` };
    record = { ...migrate(record), schemaVersion: version + 1 };
    version += 1;
  }

  const problem = findShapeProblem(record);
  if (problem !== null) return { ok: false, reason: problem };
  return { ok: true, record: record as unknown as RunRecord, migrated: version !== startVersion };
}

/** Names the first field that does not have the type a `RunRecord` needs, or returns null. */
function findShapeProblem(record: Record<string, unknown>): string | null {
  for (const key of ['id', 'name', 'createdAt', 'status', 'trainingPath'] as const) {
    if (typeof record[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['seq', 'wallSeconds'] as const) {
    if (typeof record[key] !== 'number') return `${key} must be a number`;
  }

  const { dataset, split, config, backend, epochs, source } = record;
  if (!isObject(dataset) || typeof dataset.name !== 'string')
    return 'dataset.name must be a string';
  for (const key of ['ratings', 'users', 'items'] as const) {
    if (typeof dataset[key] !== 'number') return `dataset.${key} must be a number`;
  }
  if (!isObject(split) || typeof split.seed !== 'number') return 'split.seed must be a number';
  if (!isObject(config)) return 'config must be an object';
  for (const key of ['k', 'epochs', 'learningRate', 'l2', 'batchSize', 'seed'] as const) {
    if (typeof config[key] !== 'number') return `config.${key} must be a number`;
  }
  if (!isObject(backend) || !(String(backend.name) in BACKEND_LABELS)) {
    return `backend.name must be one of ${Object.keys(BACKEND_LABELS).join(', ')}`;
  }
  if (!isObject(source) || (source.kind !== 'train' && source.kind !== 'search')) {
    return 'source.kind must be train or search';
  }
  if (!Array.isArray(epochs)) return 'epochs must be an array';
  for (const epoch of epochs) {
    if (!isObject(epoch) || typeof epoch.epoch !== 'number' || typeof epoch.valRmse !== 'number') {
      return 'each epoch needs numeric epoch and valRmse';
    }
  }
  if (record.report !== null && !isObject(record.report)) return 'report must be an object or null';
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
