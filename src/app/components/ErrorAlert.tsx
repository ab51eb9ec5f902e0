import { useController, useSessionState } from '../store/context';
import type { ErrorScope } from '../store/state';

/** Shows the last error of one scope with role="alert" until it is dismissed or replaced. */
export function ErrorAlert({ scope }: { scope: ErrorScope }) {
  const controller = useController();
  const error = useSessionState((state) => state.lastError);
  if (error === null || error.scope !== scope) return null;

  return (
    <div className="error-alert" role="alert">
      <p>
        <strong>{TITLES[scope]}</strong> {error.message}
      </p>
      <button type="button" className="link-button" onClick={() => controller.dismissError(scope)}>
        Dismiss
      </button>
    </div>
  );
}

const TITLES: Record<ErrorScope, string> = {
  load: 'Loading failed.',
  train: 'Training failed.',
  'model-file': 'Model file failed.',
  explore: 'Request failed.',
};
