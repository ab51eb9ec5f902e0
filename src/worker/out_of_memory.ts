import { LfmError } from '../core/errors';

/** Messages V8 and Chromium use when a typed array or ArrayBuffer cannot be allocated. */
const ALLOCATION_FAILURE =
  /allocation failed|invalid typed array length|invalid array buffer length|out of memory/i;

/** True when `error` is the engine failing to allocate memory, not a bug in our code. */
export function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError && ALLOCATION_FAILURE.test(error.message);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(0)} MB`;
}

/**
 * Turns an allocation failure while reading `files` into an `out-of-memory` LfmError that
 * names the files and their size; any other error is returned unchanged.
 */
export function explainLoadFailure(
  error: unknown,
  files: readonly { name: string; size: number }[],
): unknown {
  if (!isOutOfMemory(error)) return error;

  const total = files.reduce((sum, file) => sum + file.size, 0);
  const names = files.map((file) => file.name).join(', ');
  return new LfmError(
    'out-of-memory',
    `${names}: the browser ran out of memory while reading ${megabytes(total)}. ` +
      'Close other tabs, drop the ratings file alone instead of a zip, or use a smaller data set. ' +
      'The data loaded before is kept.',
    { file: names, value: megabytes(total) },
  );
}
