import { stepSizeOf } from '../../core/model/config';
import { keptEpoch, type RunRecord } from './run_record';

/** Columns the runs table sorts by. Each reads one number or text from a record. */
export type RunSortKey =
  | 'seq'
  | 'name'
  | 'k'
  | 'learningRate'
  | 'backend'
  | 'epochs'
  | 'valRmse'
  | 'testRmse'
  | 'testMae'
  | 'seconds';

export type SortDirection = 'ascending' | 'descending';

export interface RunSort {
  key: RunSortKey;
  direction: SortDirection;
}

/**
 * Reads the sort value of a record. `valRmse` is the validation RMSE of the kept epoch, the
 * weights the test metrics were computed with. Missing metrics are NaN.
 */
export function runSortValue(record: RunRecord, key: RunSortKey): number | string {
  switch (key) {
    case 'seq':
      return record.seq;
    case 'name':
      return record.name;
    case 'k':
      return record.config.k;
    case 'learningRate':
      return stepSizeOf(record.config);
    case 'backend':
      return record.backend.name;
    case 'epochs':
      return record.epochs.length;
    case 'valRmse':
      return keptEpoch(record)?.valRmse ?? Number.NaN;
    case 'testRmse':
      return record.report?.test.rmse ?? Number.NaN;
    case 'testMae':
      return record.report?.test.mae ?? Number.NaN;
    case 'seconds':
      return record.wallSeconds;
  }
}

/**
 * Returns the records sorted by one column, without changing the input. Runs without the
 * metric (NaN) go last in both directions; ties keep the order of recording.
 */
export function sortRuns(records: readonly RunRecord[], sort: RunSort): RunRecord[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;

  return [...records].sort((a, b) => {
    const left = runSortValue(a, sort.key);
    const right = runSortValue(b, sort.key);
    const leftMissing = typeof left === 'number' && Number.isNaN(left);
    const rightMissing = typeof right === 'number' && Number.isNaN(right);
    if (leftMissing !== rightMissing) return leftMissing ? 1 : -1;

    const order =
      typeof left === 'number' && typeof right === 'number'
        ? compareNumbers(left, right)
        : String(left).localeCompare(String(right));
    return order !== 0 ? sign * order : a.seq - b.seq;
  });
}

/** Orders two numbers, treating two NaN as equal. */
function compareNumbers(left: number, right: number): number {
  if (Number.isNaN(left) && Number.isNaN(right)) return 0;
  return left - right;
}
