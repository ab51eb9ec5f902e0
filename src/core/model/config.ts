import { LfmError } from '../errors';

/**
 * Training settings. See docs/notation.md for the objective these settings enter.
 */
export interface TrainConfig {
  /** Latent dimension k of the user and item embeddings. */
  k: number;
  /** Maximum number of passes over the training ratings. */
  epochs: number;
  /** Adam step size, for the `adam` training path. */
  learningRate: number;
  /**
   * How each epoch updates the parameters; `adam` when left out. `adam`: Adam on mini-batches
   * of `batchSize` with TF.js ops, on every backend. `fused-sgd`: one SGD step per rating in a
   * fused kernel (cpu, wasm and webgpu backends), with step size `sgdLearningRate`; `batchSize` is
   * not used.
   */
  trainingPath?: TrainingPath;
  /** SGD step size, for the `fused-sgd` path; `DEFAULT_SGD_LEARNING_RATE` when left out. */
  sgdLearningRate?: number;
  /** Per-rating L2 strength lambda on the embeddings p_u and q_i. */
  l2: number;
  /** Per-rating L2 strength lambda_b on the biases b_u and b_i; `l2` when left out. */
  biasL2?: number;
  /**
   * Factor the learning rate is multiplied by after each epoch (epoch e uses
   * learningRate * learningRateDecay^(e - 1)); 1 or left out keeps it constant.
   */
  learningRateDecay?: number;
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
 * Defaults chosen on the validation part of seeded 80/10/10 splits of MovieLens 100K and
 * ml-latest-small (WASM backend); docs/notation.md gives the reasons and the figures. The
 * light L2 with early stopping (best epoch about 4-5) gives single models as good as the
 * earlier L2 0.12 ones, and averages of several of them are better (see `trainFinalModel`).
 */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  k: 64,
  epochs: 40,
  learningRate: 0.007,
  l2: 0.06,
  biasL2: 0.016,
  learningRateDecay: 0.83,
  batchSize: 1000,
  seed: 42,
  patience: 4,
  initStd: 0.01,
};

/**
 * Defaults for the `fused-sgd` path, chosen with scripts/tune_fused_sgd.ts on the validation
 * part of the same splits as `DEFAULT_TRAIN_CONFIG`, and checked at 20 epochs on generated
 * ML-1M-shaped data (validation RMSE 0.9157 against Adam's 0.9216, `npm run bench`).
 * SGD needs a wider start (init std 0.1) than Adam: from 0.01 the per-rating L2 shrinks p_u
 * and q_i faster than the error grows them, and they stay near 0. It also needs a slower
 * decay than Adam's 0.83: with it the step size is near 0 before the embeddings have grown
 * (test RMSE 0.9445 instead of 0.9080 on ml-100k).
 */
export const FUSED_SGD_PRESET: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  trainingPath: 'fused-sgd',
  sgdLearningRate: 0.05,
  learningRateDecay: 0.9,
  epochs: 80,
  l2: 0.1,
  biasL2: 0.05,
  initStd: 0.1,
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
  key: NumericConfigKey;
  min: number;
  max: number;
  integer: boolean;
}

const BOUNDS: Bound[] = [
  { key: 'k', min: 1, max: 512, integer: true },
  { key: 'epochs', min: 1, max: 1000, integer: true },
  { key: 'learningRate', min: 1e-6, max: 10, integer: false },
  { key: 'sgdLearningRate', min: 1e-6, max: 1, integer: false },
  { key: 'l2', min: 0, max: 100, integer: false },
  { key: 'biasL2', min: 0, max: 100, integer: false },
  { key: 'learningRateDecay', min: 0.01, max: 1, integer: false },
  { key: 'batchSize', min: 1, max: 1_000_000, integer: true },
  { key: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
  { key: 'patience', min: 0, max: 1000, integer: true },
  { key: 'initStd', min: 0, max: 10, integer: false },
];

/** Fields that may be left out; each has a documented fallback. */
const OPTIONAL_KEYS: ReadonlySet<NumericConfigKey> = new Set([
  'biasL2',
  'learningRateDecay',
  'sgdLearningRate',
]);

/** The config fields that hold numbers. */
export type NumericConfigKey = Exclude<keyof TrainConfig, 'trainingPath'>;

/** The training paths `trainingPath` accepts. */
export const TRAINING_PATHS = ['adam', 'fused-sgd'] as const;
export type TrainingPath = (typeof TRAINING_PATHS)[number];

/**
 * SGD step size of the `fused-sgd` path when `sgdLearningRate` is left out. Chosen on the
 * validation part of the same splits as the Adam defaults; docs/benchmarks.md has the figures.
 */
export const DEFAULT_SGD_LEARNING_RATE = 0.01;

/** The training path of a config, `adam` when left out. */
export function trainingPathOf(config: TrainConfig): TrainingPath {
  return config.trainingPath ?? 'adam';
}

/** The first epoch's step size of the config's training path. */
export function stepSizeOf(config: TrainConfig): number {
  return trainingPathOf(config) === 'fused-sgd'
    ? (config.sgdLearningRate ?? DEFAULT_SGD_LEARNING_RATE)
    : config.learningRate;
}

/** Checks every field against its range; throws `invalid-config` naming the first bad one. */
export function validateTrainConfig(config: TrainConfig): TrainConfig {
  for (const { key, min, max, integer } of BOUNDS) {
    const value = config[key];
    if (value === undefined && OPTIONAL_KEYS.has(key)) continue;
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
  const path: unknown = config.trainingPath;
  if (path !== undefined && !(TRAINING_PATHS as readonly unknown[]).includes(path)) {
    throw new LfmError(
      'invalid-config',
      `Training config: trainingPath must be one of ${TRAINING_PATHS.join(', ')}, got ${String(path)}.`,
      { value: String(path) },
    );
  }
  return config;
}
