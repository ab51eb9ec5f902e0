import { ChartsPanel } from './features/charts/ChartsPanel';
import { DataPanel } from './features/load/DataPanel';
import { ExplorePanel } from './features/explore/ExplorePanel';
import { ExportPanel } from './features/export/ExportPanel';
import { ModelFilePanel } from './features/model_file/ModelFilePanel';
import { SearchPanel } from './features/search/SearchPanel';
import { TestMetricsPanel } from './features/test_metrics/TestMetricsPanel';
import { TrainPanel } from './features/train/TrainPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>LFM Studio</h1>
        <p>
          Train a biased latent factor model on MovieLens ratings in your browser, watch loss and
          error per epoch, and explore each user&apos;s recommendations.
        </p>
      </header>
      <main className="panels">
        <DataPanel />
        <TrainPanel />
        <ChartsPanel />
        <TestMetricsPanel />
        <ExplorePanel />
        <ModelFilePanel />
        <ExportPanel />
        <SearchPanel />
      </main>
    </div>
  );
}
