import type { Dataset } from '../core/data/dataset';
import { loadDataset } from '../core/data/load_dataset';
import { fileChunks } from './file_chunks';
import { explainLoadFailure } from './out_of_memory';
import type { LoadProgress } from './protocol';

/** Minimum milliseconds between two progress messages, so parsing is not slowed by messaging. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Reads dropped files as streams into a data set. Progress goes out at most once per
 * `PROGRESS_INTERVAL_MS`, plus once at the end of each file. An allocation failure becomes an
 * `out-of-memory` error that names the files.
 */
export async function readFiles(
  files: File[],
  onProgress: (progress: LoadProgress) => void,
): Promise<Dataset> {
  let lastReport = 0;
  const inputs = files.map((file) => ({
    name: file.name,
    size: file.size,
    chunks: () => fileChunks(file),
  }));
  return loadDataset(inputs, (progress) => {
    const now = performance.now();
    if (now - lastReport < PROGRESS_INTERVAL_MS && progress.bytesRead < progress.totalBytes) return;
    lastReport = now;
    onProgress({ ...progress });
  }).catch((error: unknown) => {
    throw explainLoadFailure(error, inputs);
  });
}
