import { formatBytes } from '../../format';
import type { LoadProgress } from '../../../worker/protocol';

/** Shows the worker's read position in the current file, indeterminate until the first event. */
export function LoadProgressBar({ progress }: { progress: LoadProgress | null }) {
  if (progress === null) {
    return (
      <div className="load-progress">
        <progress aria-label="Reading files" />
        <span>Reading…</span>
      </div>
    );
  }

  const { file, bytesRead, totalBytes } = progress;
  const percent = totalBytes > 0 ? Math.round((100 * bytesRead) / totalBytes) : 0;
  return (
    <div className="load-progress">
      <progress aria-label={`Reading ${file}`} value={bytesRead} max={Math.max(totalBytes, 1)} />
      <span>
        {file} · {formatBytes(bytesRead)} of {formatBytes(totalBytes)} ({percent}%)
      </span>
    </div>
  );
}
