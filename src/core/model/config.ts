import { LfmError } from '../errors';

/**
 * Training settings. See docs/notation.md for the objective these settings enter.
 */
export interface TrainConfig {
  /** Latent dimension k of the user and item embeddings. */
  k: number;
  /** Maximum number of passes over the training ratings. */
  epochs: number;
  /** Adam step size. */
  learningRate: number;
  /** Per-rating L2 strength lambda on the embeddings p_u and q_i. */
  l2: number;
  /** Per-rating L2 strength lambda_b on the biases b_u and b_i; `l2` when left out. */
  biasL2?: number;
  /** Ratings per mini-batch. */
  batchSize: number;
  /** Seed for the split, the initialisation and the shuffling. */
  seed: number;
  /** Epochs without a better validation RMSE before training stops; 0 turns early stopping off. */
  patience: number;
  /** Standard deviation of the truncated normal the embeddings start from. */
  initStd: number;
}

/**
 * Defaults chosen on the validation part of a seeded 80/10/10 split of MovieLens 100K and
 * ml-latest-small (WASM backend); docs/notation.md gives the reasons and the figures.
 */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  k: 64,
  epochs: 40,
  learningRate: 0.005,
  l2: 0.12,
  biasL2: 0.01,
  batchSize: 1000,
  seed: 42,
  patience: 4,
  initStd: 0.01,
};

/** The seed notebook's settings (k 6, L2 0.1, Adam 0.1, batch 2000), kept for comparison. */
export const NOTEBOOK_PRESET: TrainConfig = {
  k: 6,
  epochs: 20,
  learningRate: 0.1,
  l2: 0.1,
  batchSize: 2000,
  seed: 42,
  patience: 0,
  initStd: 0.05,
};

interface Bound {
  key: keyof TrainConfig;
  min: number;
  max: number;
  integer: boolean;
}

const BOUNDS: Bound[] = [
  { key: 'k', min: 1, max: 512, integer: true },
  { key: 'epochs', min: 1, max: 1000, integer: true },
  { key: 'learningRate', min: 1e-6, max: 10, integer: false },
  { key: 'l2', min: 0, max: 100, integer: false },
  { key: 'biasL2', min: 0, max: 100, integer: false },
  { key: 'batchSize', min: 1, max: 1_000_000, integer: true },
  { key: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
  { key: 'patience', min: 0, max: 1000, integer: true },
  { key: 'initStd', min: 0, max: 10, integer: false },
];

/** Checks every field against its range; throws `invalid-config` naming the first bad one. */
export function validateTrainConfig(config: TrainConfig): TrainConfig {
  for (const { key, min, max, integer } of BOUNDS) {
    const value = config[key];
    if (value === undefined && key === 'biasL2') continue;
    const isValid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      value <= max &&
      (!integer || Number.isInteger(value));
    if (!isValid) {
      const kind = integer ? 'an integer' : 'a number';
      throw new LfmError(
        'invalid-config',
        `Training config: ${key} must be ${kind} from ${min} to ${max}, got ${String(value)}.`,
        { value: String(value) },
      );
    }
  }
  return config;
}
