import { useState } from 'react';

import { stepSizeOf } from '../../config/train_config';
import { formatMetric } from '../../format';
import type { TrialRow } from './search_state';

type SortKey = 'trial' | 'k' | 'stepSize' | 'l2' | 'biasL2' | 'decay' | 'bestEpoch' | 'valRmse';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'trial', label: 'Trial' },
  { key: 'k', label: 'k' },
  // Adam's learning rate, or the SGD step size on the fused path.
  { key: 'stepSize', label: 'Step size' },
  { key: 'l2', label: 'L2' },
  { key: 'biasL2', label: 'Bias L2' },
  { key: 'decay', label: 'Decay' },
  { key: 'bestEpoch', label: 'Best epoch' },
  { key: 'valRmse', label: 'Validation RMSE' },
];

function sortValue(row: TrialRow, key: SortKey): number {
  switch (key) {
    case 'trial':
      return row.trial;
    case 'k':
      return row.config.k;
    case 'stepSize':
      return stepSizeOf(row.config);
    case 'l2':
      return row.config.l2;
    case 'biasL2':
      return row.config.biasL2 ?? row.config.l2;
    case 'decay':
      return row.config.learningRateDecay ?? 1;
    case 'bestEpoch':
      return row.result?.bestEpoch ?? Number.NaN;
    case 'valRmse':
      return row.bestValRmse;
  }
}

interface SearchResultsTableProps {
  trials: TrialRow[];
  bestTrial: number | null;
}

/** Renders the trials in a table sortable by any column; NaN values (no epoch yet) sort last. */
export function SearchResultsTable({ trials, bestTrial }: SearchResultsTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'trial',
    ascending: true,
  });

  const rows = [...trials].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    if (Number.isNaN(left) || Number.isNaN(right)) {
      return Number(Number.isNaN(left)) - Number(Number.isNaN(right));
    }
    return sort.ascending ? left - right : right - left;
  });

  function toggle(key: SortKey) {
    setSort((current) =>
      current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true },
    );
  }

  return (
    <table className="metrics-table search-results" aria-label="Search results">
      <thead>
        <tr>
          {COLUMNS.map(({ key, label }) => (
            <th
              key={key}
              scope="col"
              className={key === 'trial' ? undefined : 'num'}
              aria-sort={sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" className="sort-button" onClick={() => toggle(key)}>
                {label}
              </button>
            </th>
          ))}
          <th scope="col">Progress</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.trial}
            className={row.trial === bestTrial ? 'is-best' : undefined}
            data-trial={row.trial}
          >
            <th scope="row">
              {row.trial}
              {row.trial === bestTrial ? ' (best)' : ''}
            </th>
            <td className="num">{row.config.k}</td>
            <td className="num">{stepSizeOf(row.config)}</td>
            <td className="num">{row.config.l2}</td>
            <td className="num">{row.config.biasL2 ?? row.config.l2}</td>
            <td className="num">{row.config.learningRateDecay ?? 1}</td>
            <td className="num">{row.result?.bestEpoch ?? '…'}</td>
            <td className="num" data-metric="trial-val-rmse">
              {formatMetric(row.bestValRmse)}
            </td>
            <td>
              <progress
                aria-label={`Trial ${row.trial} progress`}
                max={row.totalEpochs}
                value={row.result !== null ? row.totalEpochs : row.epochsDone}
              />
              <span className="muted">
                {' '}
                {row.result !== null
                  ? `${row.result.epochsRun} epochs, ${row.result.reason}`
                  : `epoch ${row.epochsDone} of ${row.totalEpochs}`}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
