import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { downloadBytes } from '../model_file/download';
import { SavedModels } from '../saved_models/SavedModels';
import { buildMetricsJson } from './metrics_json';

const EXPORT_COUNT = 10;

/** Step 7: download recommendations, embeddings and metrics, and keep models in the browser. */
export function ExportPanel() {
  const controller = useController();
  const model = useSessionState((state) => state.model);
  const run = useSessionState((state) => state.run);
  const runStatus = run.status;
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function exportWith(label: string, job: () => Promise<void>) {
    setBusy(label);
    setMessage(null);
    try {
      await job();
    } catch (error) {
      setMessage(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  }

  const isDisabled = model === null || busy !== null || isRunActive(runStatus);
  return (
    <Panel step={7} title="Export" regionLabel="Export">
      <div className="model-actions">
        <button
          type="button"
          disabled={isDisabled}
          onClick={() =>
            void exportWith('Export recommendations', async () => {
              const file = await controller.explorer.exportRecommendations(EXPORT_COUNT);
              downloadBytes(file.bytes, file.fileName);
            })
          }
        >
          Export recommendations
        </button>
        {(['csv', 'npy'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={isDisabled}
            onClick={() =>
              void exportWith(`Export embeddings (${format.toUpperCase()})`, async () => {
                const file = await controller.explorer.exportEmbeddings(format);
                downloadBytes(file.bytes, file.fileName);
              })
            }
          >
            Export embeddings ({format.toUpperCase()})
          </button>
        ))}
        <button
          type="button"
          disabled={isDisabled}
          onClick={() =>
            void exportWith('Export metrics', async () => {
              const views = await controller.explorer.errorViews();
              const text = JSON.stringify(buildMetricsJson(model, run, views), null, 2);
              downloadBytes(new TextEncoder().encode(text), 'lfm-metrics.json');
            })
          }
        >
          Export metrics (JSON)
        </button>
        {busy !== null && <span className="muted small">{busy}…</span>}
        {message !== null && <span className="field-error">{message}</span>}
      </div>
      <p className="muted small">
        Recommendations: the top {EXPORT_COUNT} unseen movies of every user (user_id, rank,
        movie_id, title, predicted_rating). Embeddings: one CSV of users and movies with their bias
        and factors, or a zip of NumPy arrays. Metrics: the test report, the epoch history and the
        error views&apos; data.
      </p>
      <SavedModels />
    </Panel>
  );
}
