import { RUN_SCHEMA_VERSION, type RunRecord } from './run_record';

export type RunExportFormat = 'csv' | 'json';

/** The JSON export: the full records, curves included, under the schema version they follow. */
export function runsToJson(records: readonly RunRecord[], exportedAt: string): string {
  return JSON.stringify({ schemaVersion: RUN_SCHEMA_VERSION, exportedAt, runs: records }, null, 2);
}

/** Columns of the CSV export: who the run is, its settings and results, then one epoch's metrics. */
const CSV_COLUMNS = [
  'run_id',
  'run_name',
  'status',
  'dataset',
  'dataset_ratings',
  'dataset_users',
  'dataset_items',
  'split_seed',
  'backend',
  'training_path',
  'k',
  'learning_rate',
  'sgd_learning_rate',
  'learning_rate_decay',
  'l2',
  'bias_l2',
  'batch_size',
  'seed',
  'patience',
  'init_std',
  'max_epochs',
  'best_epoch',
  'test_rmse',
  'test_mae',
  'test_mse',
  'wall_seconds',
  'epoch',
  'epoch_seconds',
  'elapsed_seconds',
  'train_mse',
  'l2_term',
  'val_mse',
  'train_mae',
  'val_mae',
  'val_rmse',
] as const;

/**
 * The CSV export in long form: one row per run and epoch, with the run's columns repeated,
 * so a spreadsheet or pandas can filter and pivot it. A run with no epochs gets one row with
 * empty epoch columns. Missing numbers are empty cells.
 */
export function runsToCsv(records: readonly RunRecord[]): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];

  for (const record of records) {
    const { config, report, dataset } = record;
    const runCells = [
      record.id,
      record.name,
      record.status,
      dataset.name,
      dataset.ratings,
      dataset.users,
      dataset.items,
      record.split.seed,
      record.backend.name,
      record.trainingPath,
      config.k,
      config.learningRate,
      config.sgdLearningRate,
      config.learningRateDecay,
      config.l2,
      config.biasL2,
      config.batchSize,
      config.seed,
      config.patience,
      config.initStd,
      config.epochs,
      report?.bestEpoch,
      report?.test.rmse,
      report?.test.mae,
      report?.test.mse,
      record.wallSeconds,
    ];

    if (record.epochs.length === 0) {
      lines.push(toCsvLine([...runCells, ...Array<undefined>(9).fill(undefined)]));
      continue;
    }
    for (const epoch of record.epochs) {
      const epochCells = [
        epoch.epoch,
        epoch.seconds,
        epoch.elapsedSeconds,
        epoch.trainLoss,
        epoch.l2,
        epoch.valMse,
        epoch.trainMae,
        epoch.valMae,
        epoch.valRmse,
      ];
      lines.push(toCsvLine([...runCells, ...epochCells]));
    }
  }

  return `${lines.join('\r\n')}\r\n`;
}

/** `runs-<n>-<time>.csv`, with a time that sorts and is valid in file names. */
export function runExportFileName(
  count: number,
  exportedAt: string,
  format: RunExportFormat,
): string {
  const stamp = exportedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `runs-${count}-${stamp}.${format}`;
}

function toCsvLine(cells: readonly (string | number | undefined)[]): string {
  return cells.map(toCsvCell).join(',');
}

/** Quotes text per RFC 4180 when it contains a comma, quote or line break; NaN becomes empty. */
function toCsvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
