import { useController, useSessionState } from '../store/context';
import { WORKER_CRASHED } from '../session/worker_host';
import type { AppError, ErrorScope } from '../store/state';

/** Shows the last error of one scope with role="alert" until it is dismissed or replaced. */
export function ErrorAlert({ scope }: { scope: ErrorScope }) {
  const controller = useController();
  const error = useSessionState((state) => state.lastError);
  if (error === null || error.scope !== scope) return null;

  return (
    <div className="error-alert" role="alert">
      <p>
        <strong>{titleOf(error)}</strong> {error.message}
      </p>
      <button type="button" className="link-button" onClick={() => controller.dismissError(scope)}>
        Dismiss
      </button>
    </div>
  );
}

/** A diverged run kept a model and a crashed worker lost everything, so neither reads "failed". */
function titleOf(error: AppError): string {
  if (error.code === 'training-diverged') return 'Training diverged.';
  if (error.code === WORKER_CRASHED) return 'Worker restarted.';
  return TITLES[error.scope];
}

const TITLES: Record<ErrorScope, string> = {
  load: 'Loading failed.',
  train: 'Training failed.',
  'model-file': 'Model file failed.',
  explore: 'Request failed.',
};
