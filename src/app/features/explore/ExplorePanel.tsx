import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { Explorer } from './Explorer';

/** Step 5: pick a user, see their top-N recommendations next to what they rated. */
export function ExplorePanel() {
  const model = useSessionState((state) => state.model);
  const modelVersion = useSessionState((state) => state.modelVersion);
  const runStatus = useSessionState((state) => state.run.status);
  const datasetName = useSessionState((state) => state.dataset?.name ?? null);
  const dataLoadedAfterModel = useSessionState((state) => state.dataLoadedAfterModel);
  // Kept here so that the choice survives a new model, which remounts the explorer.
  const [count, setCount] = useState(10);

  return (
    <Panel step={5} title="Explore" regionLabel="Recommendations">
      {model === null || isRunActive(runStatus) ? (
        <p className="muted">
          {isRunActive(runStatus)
            ? 'Recommendations appear when training finishes. If it fails, the previous model comes back.'
            : 'Train a model, or load a model file, to see recommendations.'}
        </p>
      ) : (
        <>
          {datasetName !== null && (dataLoadedAfterModel || datasetName !== model.datasetName) && (
            <p className="muted small" data-testid="model-dataset-note">
              Exploring the model trained on {model.datasetName}, with the users, movies and ratings
              stored in it. The data set loaded above ({datasetName}) is used only when you train
              again, which replaces this model.
            </p>
          )}
          <Explorer
            key={modelVersion}
            datasetName={model.datasetName}
            hasMovies={model.hasMovies}
            count={count}
            onCountChange={setCount}
          />
        </>
      )}
      <ErrorAlert scope="explore" />
    </Panel>
  );
}
