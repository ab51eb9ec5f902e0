import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount, formatMetric } from '../../format';
import { describeTrainingSettings } from '../../config/train_config';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import type { ModelSummary } from '../../../worker/protocol';
import { downloadBytes } from './download';

/** Step 6: save the trained model to a file, or load one to explore without training. */
export function ModelFilePanel() {
  const controller = useController();
  const model = useSessionState((state) => state.model);
  const modelImported = useSessionState((state) => state.modelImported);
  const runStatus = useSessionState((state) => state.run.status);
  const [isBusy, setBusy] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);

  const isTraining = isRunActive(runStatus);

  async function handleDownload() {
    setBusy(true);
    const file = await controller.exportModel();
    setBusy(false);
    if (file === null) return;
    downloadBytes(file.bytes, file.fileName);
    setSavedAs(`${file.fileName} (${formatCount(file.bytes.byteLength)} bytes)`);
  }

  async function handleLoad(file: File) {
    setBusy(true);
    setSavedAs(null);
    await controller.importModel(file);
    setBusy(false);
  }

  return (
    <Panel step={6} title="Model file">
      <div className="model-actions">
        <button
          type="button"
          disabled={model === null || isBusy || isTraining}
          onClick={() => void handleDownload()}
        >
          Download model
        </button>
        <label className={isBusy || isTraining ? 'button is-disabled' : 'button'}>
          Load model
          <input
            className="visually-hidden"
            type="file"
            accept=".model"
            disabled={isBusy || isTraining}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file !== undefined) void handleLoad(file);
            }}
          />
        </label>
        {savedAs !== null && <span className="muted small">Saved {savedAs}.</span>}
      </div>

      {model !== null ? (
        <ModelSummaryView model={model} imported={modelImported} />
      ) : (
        <p className="muted small">
          Train a model to download it. A loaded model file opens in the explorer without the data
          or retraining.
        </p>
      )}
      <ErrorAlert scope="model-file" />
    </Panel>
  );
}

function ModelSummaryView({ model, imported }: { model: ModelSummary; imported: boolean }) {
  const { config } = model;
  return (
    <dl className="facts facts-inline model-summary" aria-label="Model summary">
      <dt>Model</dt>
      <dd>
        {imported ? 'loaded from file' : 'trained in this tab'} · data set {model.datasetName}
      </dd>
      <dt>Size</dt>
      <dd>
        {formatCount(model.users)} users × {formatCount(model.items)} movies, k = {config.k}
      </dd>
      <dt>Settings</dt>
      <dd>{describeTrainingSettings(config)}</dd>
      <dt>Test</dt>
      <dd>
        {model.test === null
          ? 'no test metrics stored'
          : `RMSE ${formatMetric(model.test.rmse)} · MAE ${formatMetric(model.test.mae)}`}
      </dd>
      <dt>Titles</dt>
      <dd>{model.hasMovies ? 'included' : 'none (ids only)'}</dd>
    </dl>
  );
}
