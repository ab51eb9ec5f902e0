import { formatCount } from '../../format';
import { useSessionState } from '../../store/context';
import { formatRunStatus } from './status_text';

/** Shows the live status line (role="status") with the backend's reason and the split sizes. */
export function TrainingStatus() {
  const run = useSessionState((state) => state.run);
  const backend = useSessionState((state) => state.backend);
  const dataset = useSessionState((state) => state.dataset);
  const isLoading = useSessionState((state) => state.loadStatus === 'loading');
  const runsRequested = useSessionState((state) => state.runsRequested);

  const text = formatRunStatus(run, backend, dataset, isLoading);
  const { split } = run;

  return (
    <div
      className="training-status"
      role="status"
      data-run-status={run.status}
      data-runs-requested={runsRequested}
    >
      <p className="status-line">{text}</p>
      {backend !== null && <p className="status-detail">{backend.reason}</p>}
      {split !== null && (
        <p className="status-detail">
          Split (seed {split.seed}):{' '}
          {split.validation > 0
            ? `${formatCount(split.train)} train · ${formatCount(split.validation)} validation`
            : `${formatCount(split.train)} train · no validation part`}{' '}
          · {formatCount(split.test)} test
        </p>
      )}
    </div>
  );
}
