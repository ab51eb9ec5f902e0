import { useCallback, useEffect, useState } from 'react';
import { formatBytes } from '../../format';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { deleteModel, listModels, readModel, saveModel, type SavedModelInfo } from './model_db';

/** Renders the models kept in this browser's IndexedDB: save the current one, load or delete. */
export function SavedModels() {
  const controller = useController();
  const model = useSessionState((state) => state.model);
  const runStatus = useSessionState((state) => state.run.status);
  const [models, setModels] = useState<SavedModelInfo[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setModels(await listModels());
    } catch (error) {
      setMessage(`Saved models: reading IndexedDB failed: ${String(error)}`);
    }
  }, []);

  useEffect(() => {
    // Reads the list once on mount; `refresh` sets state only after the database returns the list.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  async function handleSave() {
    setBusy(true);
    const file = await controller.exportModel();
    if (file !== null) {
      try {
        await saveModel(file.fileName, file.bytes);
        setMessage(`Saved ${file.fileName} in this browser.`);
      } catch (error) {
        setMessage(`Saving failed: ${String(error)}. The browser may be out of storage space.`);
      }
      await refresh();
    }
    setBusy(false);
  }

  async function handleLoad(entry: SavedModelInfo) {
    setBusy(true);
    const bytes = await readModel(entry.id);
    if (bytes === null) {
      setMessage(`Saved model ${entry.name} is gone; the list was out of date.`);
    } else {
      await controller.importModel(new File([new Uint8Array(bytes)], entry.name));
      setMessage(`Loaded ${entry.name}.`);
    }
    await refresh();
    setBusy(false);
  }

  async function handleDelete(entry: SavedModelInfo) {
    if (!window.confirm(`Delete the saved model ${entry.name}?`)) return;
    await deleteModel(entry.id);
    await refresh();
  }

  const isDisabled = isBusy || isRunActive(runStatus);
  return (
    <section className="saved-models" aria-label="Saved models">
      <h3>Saved in this browser</h3>
      <div className="model-actions">
        <button
          type="button"
          disabled={model === null || isDisabled}
          onClick={() => void handleSave()}
        >
          Save model in browser
        </button>
        {message !== null && <span className="muted small">{message}</span>}
      </div>
      {models !== null && models.length === 0 && (
        <p className="muted small">No saved models yet.</p>
      )}
      {models !== null && models.length > 0 && (
        <table className="metrics-table" aria-label="Saved models list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((entry) => (
              <tr key={entry.id} data-model-id={entry.id}>
                <th scope="row">{entry.name}</th>
                <td>{new Date(entry.savedAt).toLocaleString()}</td>
                <td className="num">{formatBytes(entry.bytes)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="link-button"
                    disabled={isDisabled}
                    aria-label={`Load saved model ${entry.name}`}
                    onClick={() => void handleLoad(entry)}
                  >
                    Load
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={isDisabled}
                    aria-label={`Delete saved model ${entry.name}`}
                    onClick={() => void handleDelete(entry)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
