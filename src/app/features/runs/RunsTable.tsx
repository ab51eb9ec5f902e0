import { useMemo, useState, type KeyboardEvent } from 'react';
import { stepSizeOf } from '../../../core/model/config';
import { formatBackendName, formatCount, formatMetric, formatSeconds } from '../../format';
import type { RunExportFormat } from '../../runs/run_export';
import { isSameDataset, keptEpoch, runDatasetOf, type RunRecord } from '../../runs/run_record';
import { sortRuns, type RunSort, type RunSortKey } from '../../runs/run_sort';
import { useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { downloadBytes } from '../model_file/download';
import { runColor } from '../charts/chart_runs';
import { useRunsController } from './runs_context';

interface Column {
  key: RunSortKey;
  label: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'k', label: 'k', numeric: true },
  { key: 'learningRate', label: 'lr', numeric: true },
  { key: 'backend', label: 'Backend', numeric: false },
  { key: 'epochs', label: 'Epochs', numeric: true },
  { key: 'valRmse', label: 'Val. RMSE', numeric: true },
  { key: 'testRmse', label: 'Test RMSE', numeric: true },
  { key: 'testMae', label: 'Test MAE', numeric: true },
  { key: 'seconds', label: 'Seconds', numeric: true },
];

const STATUS_LABELS: Record<RunRecord['status'], string> = {
  completed: 'completed',
  stopped: 'stopped',
  'early-stopping': 'early stop',
  failed: 'failed',
};

/**
 * Renders every recorded run, sortable by any column, with a Compare checkbox per run, Retrain,
 * Delete, and export of the selected runs (or all when none is selected).
 */
export function RunsTable() {
  const controller = useRunsController();
  const runs = useSessionState((state) => state.runs);
  const dataset = useSessionState((state) => state.dataset);
  const runStatus = useSessionState((state) => state.run.status);
  const [sort, setSort] = useState<RunSort>({ key: 'seq', direction: 'ascending' });
  const [format, setFormat] = useState<RunExportFormat>('json');
  const [isConfirmingClear, setConfirmingClear] = useState(false);

  const rows = useMemo(() => sortRuns(runs.records, sort), [runs.records, sort]);
  const loaded = useMemo(() => (dataset === null ? null : runDatasetOf(dataset)), [dataset]);
  const selected = new Set(runs.selectedIds);
  const isActive = isRunActive(runStatus);
  const otherCount =
    loaded === null ? 0 : runs.records.filter((r) => !isSameDataset(r.dataset, loaded)).length;

  function toggleSort(key: RunSortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' },
    );
  }

  function exportRuns() {
    const { text, fileName } = controller.exportRuns(format);
    downloadBytes(new TextEncoder().encode(text), fileName);
  }

  return (
    <section className="runs" aria-labelledby="runs-heading">
      <div className="runs-header">
        <h3 id="runs-heading">Runs</h3>
        <div className="runs-actions">
          <label className="inline-check">
            <input
              type="checkbox"
              checked={runs.allowOtherDatasets}
              onChange={(event) => controller.allowOtherDatasets(event.currentTarget.checked)}
            />
            Compare runs of other data sets
          </label>
          <label htmlFor="runs-export-format" className="visually-hidden">
            Export format
          </label>
          <select
            id="runs-export-format"
            value={format}
            onChange={(event) => setFormat(event.currentTarget.value as RunExportFormat)}
          >
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </select>
          <button type="button" disabled={runs.records.length === 0} onClick={exportRuns}>
            Export runs
          </button>
          {isConfirmingClear ? (
            <span className="confirm">
              Delete all {runs.records.length} runs?
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirmingClear(false);
                  void controller.removeAll();
                }}
              >
                Delete all
              </button>
              <button type="button" onClick={() => setConfirmingClear(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              disabled={runs.records.length === 0}
              onClick={() => setConfirmingClear(true)}
            >
              Delete all runs
            </button>
          )}
        </div>
      </div>

      <p className="hint">
        {runs.selectedIds.length === 0
          ? 'Tick runs to draw them in the charts beside the live run. Export takes all runs when none is ticked.'
          : `${runs.selectedIds.length} ticked: the charts draw them, and Export runs takes only them.`}
        {otherCount > 0 && !runs.allowOtherDatasets
          ? ` ${otherCount} greyed runs trained on another data set and are left out of the charts.`
          : ''}
      </p>
      {runs.notice !== null && <p className="field-error">{runs.notice}</p>}

      {runs.records.length === 0 ? (
        <p className="muted small">
          {runs.storage === 'loading'
            ? 'Reading stored runs…'
            : 'No runs yet. Every training run is recorded here and kept across reloads.'}
        </p>
      ) : (
        <div className="table-scroll runs-scroll">
          <table aria-label="Runs" className="runs-table">
            <thead>
              <tr>
                <th scope="col">Compare</th>
                {COLUMNS.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'num sortable' : 'sortable'}
                    aria-sort={sort.key === column.key ? sort.direction : undefined}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => toggleSort(column.key)}
                    >
                      {column.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sortMark(sort, column.key)}
                      </span>
                    </button>
                  </th>
                ))}
                <th scope="col">Data set</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((record) => {
                const isOther = loaded !== null && !isSameDataset(record.dataset, loaded);
                const isSelected = selected.has(record.id);
                const canCompare = !isOther || runs.allowOtherDatasets;
                return (
                  <tr
                    key={record.id}
                    data-run-id={record.id}
                    className={isOther ? 'is-other-dataset' : undefined}
                  >
                    <td>
                      <span className="compare-cell">
                        <input
                          type="checkbox"
                          aria-label={`Compare ${record.name}`}
                          checked={isSelected}
                          disabled={!canCompare && !isSelected}
                          onChange={(event) =>
                            controller.select(record.id, event.currentTarget.checked)
                          }
                        />
                        <span
                          className="swatch run-swatch"
                          style={{ background: runColor(record.seq) }}
                          aria-hidden="true"
                        />
                      </span>
                    </td>
                    <td>
                      <RunNameInput
                        record={record}
                        onRename={(name) => controller.rename(record.id, name)}
                      />
                    </td>
                    <td className="num">{record.config.k}</td>
                    <td className="num">{stepSizeOf(record.config)}</td>
                    <td>{formatBackendName(record.backend.name)}</td>
                    <td className="num">{record.epochs.length}</td>
                    <td className="num">
                      {formatMetric(keptEpoch(record)?.valRmse ?? Number.NaN)}
                    </td>
                    <TestMetricCell
                      record={record}
                      metric="run-test-rmse"
                      value={record.report?.test.rmse}
                    />
                    <TestMetricCell
                      record={record}
                      metric="run-test-mae"
                      value={record.report?.test.mae}
                    />
                    <td className="num">{formatSeconds(record.wallSeconds)}</td>
                    <td className="run-dataset">
                      <span
                        title={`${formatCount(record.dataset.ratings)} ratings, ${formatCount(record.dataset.users)} users, ${formatCount(record.dataset.items)} items`}
                      >
                        {record.dataset.name}
                      </span>
                      {isOther && <div className="small">not the loaded data set</div>}
                    </td>
                    <td title={record.error ?? undefined}>{STATUS_LABELS[record.status]}</td>
                    <td>
                      <span className="row-actions">
                        <button
                          type="button"
                          aria-label={`Retrain ${record.name}`}
                          title={
                            isOther
                              ? 'Load the data set this run trained on to retrain it.'
                              : 'Train again with this run’s settings and backend.'
                          }
                          disabled={loaded === null || isOther || isActive}
                          onClick={() => void controller.retrain(record.id)}
                        >
                          Retrain
                        </button>
                        <button
                          type="button"
                          aria-label={`Delete ${record.name}`}
                          onClick={() => void controller.remove(record.id)}
                        >
                          Delete
                        </button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The run's name as a text field; Enter or leaving the field saves it, Escape restores it. */
function RunNameInput({
  record,
  onRename,
}: {
  record: RunRecord;
  onRename: (name: string) => Promise<void>;
}) {
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') event.currentTarget.blur();
    if (event.key === 'Escape') {
      event.currentTarget.value = record.name;
      event.currentTarget.blur();
    }
  }

  return (
    <input
      // A new key when the stored name changes resets the uncontrolled field to it.
      key={record.name}
      className="run-name"
      aria-label={`Name of run ${record.seq}`}
      // The field is narrower than long names such as those of search trials.
      title={record.name}
      defaultValue={record.name}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const input = event.currentTarget;
        if (input.value.trim() === '') input.value = record.name;
        void onRename(input.value);
      }}
    />
  );
}

/** Renders a test metric, or "—" for a run without a test report: a search trial or a failed run. */
function TestMetricCell({
  record,
  metric,
  value,
}: {
  record: RunRecord;
  metric: string;
  value: number | undefined;
}) {
  if (value === undefined) {
    const reason =
      record.source.kind === 'search'
        ? 'Search trials are scored on validation only and never read the test ratings.'
        : 'The run failed before it was tested.';
    return (
      <td className="num" data-metric={metric} title={reason}>
        —
      </td>
    );
  }
  return (
    <td className="num" data-metric={metric}>
      {formatMetric(value)}
    </td>
  );
}

/** The arrow of the sorted column: ▲ ascending, ▼ descending, empty for other columns. */
function sortMark(sort: RunSort, key: RunSortKey): string {
  if (sort.key !== key) return '';
  return sort.direction === 'ascending' ? '▲' : '▼';
}
