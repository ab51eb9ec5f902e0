/**
 * Grid search for the fused SGD path's defaults: trains on the seeded 80/10/10 split of each
 * MovieLens file, chooses by validation RMSE, and prints test RMSE next to it.
 * Usage: npx tsx scripts/tune_fused_sgd.ts [JSON list of config overrides]
 * Data folder: LFM_DATA_DIR (default ../shared/data).
 */
import path from 'node:path';

import { loadDataset } from '../src/core/data/load_dataset';
import { splitRandom } from '../src/core/data/split';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/core/model/config';
import { runTraining } from '../src/core/pipeline/run_training';
import { startNodeBackend } from '../src/cli/node_backend';
import { nodeInputFile } from '../src/cli/node_files';

const dataDir = process.env.LFM_DATA_DIR ?? '../shared/data';
const files = ['ml-100k/u.data', 'ml-latest-small/ratings.csv'];

async function main(): Promise<void> {
  await startNodeBackend('wasm');
  const grid = JSON.parse(process.argv[2] ?? '[{}]') as Partial<TrainConfig>[];
  for (const file of files) {
    const dataset = await loadDataset([nodeInputFile(path.join(dataDir, file))]);
    const split = splitRandom(dataset.ratings, DEFAULT_TRAIN_CONFIG.seed);
    const info = { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
    for (const overrides of grid) {
      const config: TrainConfig = {
        ...DEFAULT_TRAIN_CONFIG,
        trainingPath: 'fused-sgd',
        ...overrides,
      };
      const run = await runTraining(split, info, config);
      run.model.dispose();
      const best = run.history[run.report.bestEpoch - 1];
      const perEpoch = run.report.seconds / run.history.length;
      process.stdout.write(
        `${file}\t${JSON.stringify(overrides)}\tval ${best?.valRmse.toFixed(4)}\ttest ${run.report.test.rmse.toFixed(4)}\t` +
          `epochs ${run.history.length} (${run.report.bestEpoch})\t${perEpoch.toFixed(3)} s/epoch\n`,
      );
    }
  }
}

void main();
