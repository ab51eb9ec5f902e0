import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialTrainConfig } from './app/config/train_config';
import { readUrlSettings } from './app/config/url_params';
import { SessionController } from './app/session/controller';
import { RunsControllerContext } from './app/features/runs/runs_context';
import { openIndexedDbRunStorage } from './app/runs/indexeddb_storage';
import { RunsController } from './app/runs/runs_controller';
import { startSession } from './app/session_client';
import { installTestHooks } from './app/session/test_hooks';
import { WORKER_CRASHED, WorkerHost } from './app/session/worker_host';
import { ControllerContext } from './app/store/context';
import { createInitialState, draftFromConfig } from './app/store/state';
import { createSessionStore } from './app/store/store';
import { installErrorTransfer } from './worker/error_transfer';
import './app/styles.css';

// Must run before the first call crosses, or worker errors lose their `code`.
installErrorTransfer();

const settings = readUrlSettings(window.location.search);
const store = createSessionStore(
  createInitialState(
    { ...draftFromConfig(initialTrainConfig(settings.fields)), ...settings.fields },
    settings.backend ?? 'auto',
  ),
);
const { session } = new WorkerHost(startSession, (message) => {
  store.dispatch({
    type: 'workerRestarted',
    error: { scope: 'load', code: WORKER_CRASHED, message },
  });
});
installTestHooks(session);
const controller = new SessionController(store, session);
const runs = new RunsController(store, controller);
void runs.load(() => openIndexedDbRunStorage());

// Started here rather than in an effect, so StrictMode's double mount cannot load it twice.
if (settings.loadDemo) void controller.loadDemo();

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html: the element #root is missing.');

createRoot(rootElement).render(
  <StrictMode>
    <ControllerContext value={controller}>
      <RunsControllerContext value={runs}>
        <App />
      </RunsControllerContext>
    </ControllerContext>
  </StrictMode>,
);
