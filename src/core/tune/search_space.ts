import { createRng, type Rng } from '../data/random';
import { trainingPathOf, type TrainConfig } from '../model/config';

/** Ranges the random search draws from. Log-uniform ranges suit step sizes and penalties. */
export interface SearchSpace {
  k: readonly number[];
  /** Step size: Adam's learning rate, or the SGD step size on the fused path. */
  learningRate: LogRange;
  l2: LogRange;
  biasL2: LogRange;
  /** Uniform range of the per-epoch learning-rate factor. */
  learningRateDecay: { min: number; max: number };
}

/** Draws exp(uniform(log min, log max)). */
export interface LogRange {
  min: number;
  max: number;
}

/**
 * The default space: it brackets the defaults (k 64, learning rate 0.007, L2 0.06, bias L2
 * 0.016, decay 0.83) by about 2-5x on each side on the log scale.
 */
export const DEFAULT_SEARCH_SPACE: SearchSpace = {
  k: [32, 64, 128],
  learningRate: { min: 0.003, max: 0.02 },
  l2: { min: 0.02, max: 0.3 },
  biasL2: { min: 0.001, max: 0.05 },
  learningRateDecay: { min: 0.75, max: 1 },
};

/**
 * The space for the fused SGD path: it brackets that preset (SGD step 0.05, L2 0.1, bias L2
 * 0.05, decay 0.9) by about 2-3x on each side. Decays below 0.85 stop SGD before the
 * embeddings have grown.
 */
export const FUSED_SGD_SEARCH_SPACE: SearchSpace = {
  k: [32, 64, 128],
  learningRate: { min: 0.02, max: 0.12 },
  l2: { min: 0.03, max: 0.3 },
  biasL2: { min: 0.01, max: 0.15 },
  learningRateDecay: { min: 0.85, max: 1 },
};

/** Returns the default space for the training path of `base`. */
export function defaultSearchSpace(base: TrainConfig): SearchSpace {
  return trainingPathOf(base) === 'fused-sgd' ? FUSED_SGD_SEARCH_SPACE : DEFAULT_SEARCH_SPACE;
}

/** Mixed into the search seed so that its draws differ from the split's for the same seed. */
const SEARCH_SEED_SALT = 0x2545f491;

/**
 * Returns the configs of a random search with `trials` trials. Trial 1 is `base` as it is,
 * so a search never ends worse on validation than the settings it started from. Each later
 * trial replaces k, step size (`learningRate`, or `sgdLearningRate` on the fused path), L2,
 * bias L2 and decay of `base` with seeded draws from `space`. Epochs, patience, batch size,
 * init, the training path and the split seed stay those of `base`.
 */
export function sampleSearchConfigs(
  base: TrainConfig,
  trials: number,
  seed: number,
  space: SearchSpace = defaultSearchSpace(base),
): TrainConfig[] {
  const stepSizeField = trainingPathOf(base) === 'fused-sgd' ? 'sgdLearningRate' : 'learningRate';
  const random = createRng((seed ^ SEARCH_SEED_SALT) >>> 0);
  const configs: TrainConfig[] = [];
  for (let trial = 1; trial <= trials; trial++) {
    if (trial === 1) {
      configs.push({ ...base });
      continue;
    }
    configs.push({
      ...base,
      k: space.k[Math.floor(random() * space.k.length)] as number,
      [stepSizeField]: roundTo3(logUniform(random, space.learningRate)),
      l2: roundTo3(logUniform(random, space.l2)),
      biasL2: roundTo3(logUniform(random, space.biasL2)),
      learningRateDecay: roundTo3(
        space.learningRateDecay.min +
          random() * (space.learningRateDecay.max - space.learningRateDecay.min),
      ),
    });
  }
  return configs;
}

function logUniform(random: Rng, range: LogRange): number {
  const low = Math.log(range.min);
  return Math.exp(low + random() * (Math.log(range.max) - low));
}

/** Keeps three significant digits, so configs print and copy cleanly. */
function roundTo3(value: number): number {
  return Number(value.toPrecision(3));
}
