import { Panel } from '../../components/Panel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { DatasetSummaryView } from './DatasetSummaryView';
import { DropZone } from './DropZone';
import { LoadProgressBar } from './LoadProgressBar';

/** Step 1: choose or drop files, or generate the demo, then see what was read. */
export function DataPanel() {
  const controller = useController();
  const dataset = useSessionState((state) => state.dataset);
  const loadStatus = useSessionState((state) => state.loadStatus);
  const progress = useSessionState((state) => state.loadProgress);
  const runStatus = useSessionState((state) => state.run.status);
  const hasLoadError = useSessionState((state) => state.lastError?.scope === 'load');

  const isLoading = loadStatus === 'loading';
  const isBlocked = isLoading || isRunActive(runStatus);

  return (
    <Panel
      step={1}
      title="Data"
      aside={isRunActive(runStatus) ? 'Loading is disabled while training runs.' : undefined}
    >
      <div className="load-row">
        <DropZone disabled={isBlocked} onFiles={(files) => void controller.loadFiles(files)} />
        <div className="load-side">
          <button type="button" disabled={isBlocked} onClick={() => void controller.loadDemo()}>
            Use demo data
          </button>
          <p className="muted small">
            Synthetic ratings generated in this tab from the Seed field.
          </p>
        </div>
      </div>

      {isLoading && <LoadProgressBar progress={progress} />}
      <ErrorAlert scope="load" />
      {hasLoadError && dataset !== null && (
        <p className="muted small">The previous data set and model are still loaded.</p>
      )}

      {dataset !== null && <DatasetSummaryView summary={dataset} />}
    </Panel>
  );
}
