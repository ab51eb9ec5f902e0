import {
  DEFAULT_SGD_LEARNING_RATE,
  DEFAULT_TRAIN_CONFIG,
  FUSED_SGD_PRESET,
  NOTEBOOK_PRESET,
  TRAINING_PATHS,
  type NumericConfigKey,
  type TrainConfig,
  type TrainingPath,
} from '../core/model/config';
import { LfmError } from '../core/errors';
import { MAX_TRIALS } from '../core/tune/search';
import { DEFAULT_FINAL_MEMBERS, MAX_MEMBERS } from '../core/tune/final_training';

export type NodeBackend = 'wasm' | 'cpu';

export interface EvaluateArgs {
  ratings: string | null;
  movies: string | null;
  train: string | null;
  test: string | null;
  valid: string | null;
  backend: NodeBackend;
  json: boolean;
  help: boolean;
  /** Search trials; 0 trains once on train and tests, without retraining on train + validation. */
  tune: number;
  /** Models averaged in the final retraining after a search. */
  members: number;
  config: TrainConfig;
}

export const USAGE = `Usage: npm run evaluate -- --ratings FILE [options]
       npm run evaluate -- --train FILE --test FILE [--valid FILE] [options]

Trains the biased latent factor model on MovieLens ratings and reports test metrics.

Input:
  --ratings FILE    ratings file (ML-1M ratings.dat, ML-100K u.data, ml-latest ratings.csv);
                    split at random 80/10/10 with --seed
  --train FILE      training ratings of a given split (e.g. ML-100K u1.base); needs --test
  --test FILE       test ratings of a given split (e.g. u1.test)
  --valid FILE      validation ratings of a given split (optional; without it 10% of
                    --train is held out for validation)
  --movies FILE     movies file (read for its report only)

Training (defaults in parentheses):
  --k N             latent dimension (${DEFAULT_TRAIN_CONFIG.k})
  --epochs N        maximum epochs (${DEFAULT_TRAIN_CONFIG.epochs})
  --path NAME       training path: adam (Adam on mini-batches, TF.js ops) or fused-sgd
                    (per-rating SGD in one fused kernel per call) (adam)
  --lr X            Adam learning rate (${DEFAULT_TRAIN_CONFIG.learningRate})
  --sgd-lr X        SGD learning rate of --path fused-sgd (${DEFAULT_SGD_LEARNING_RATE})
  --l2 X            per-rating L2 strength (${DEFAULT_TRAIN_CONFIG.l2})
  --bias-l2 X       per-rating L2 strength on the biases (${DEFAULT_TRAIN_CONFIG.biasL2})
  --decay X         learning-rate factor per epoch, 1 for none (${DEFAULT_TRAIN_CONFIG.learningRateDecay ?? 1})
  --batch N         ratings per mini-batch (${DEFAULT_TRAIN_CONFIG.batchSize})
  --seed N          seed of the split, initialisation and shuffling (${DEFAULT_TRAIN_CONFIG.seed})
  --patience N      early-stopping patience in epochs, 0 for none (${DEFAULT_TRAIN_CONFIG.patience})
  --tune N          hyper-parameter search: N trials scored on validation (trial 1 is the
                    settings above, the others random draws seeded by --seed), then the best
                    retrained on train + validation for its best epoch count and tested once;
                    0 trains once on train and tests the validation-chosen weights (1)
  --members N       models with seeds S, S+1, ... averaged into the final model after the
                    search (${DEFAULT_FINAL_MEMBERS})
  --preset notebook the settings of the TF/Keras notebook this app replaces (k 6, L2 0.1,
                    Adam 0.1, batch 2000), for comparison;
                    later options override it
  --preset fused-sgd per-rating SGD in a fused kernel (SGD rate 0.05, decay 0.9,
                    L2 0.1 / 0.05, init std 0.1, at most 80 epochs), the app's
                    default: about 100 times faster per epoch than Adam on WASM

Output:
  --backend NAME    TensorFlow.js backend: wasm or cpu (wasm)
  --json            print one JSON object with every figure on stdout
  --help            print this text
`;

const NUMBER_OPTIONS: Record<string, NumericConfigKey> = {
  '--k': 'k',
  '--epochs': 'epochs',
  '--lr': 'learningRate',
  '--sgd-lr': 'sgdLearningRate',
  '--l2': 'l2',
  '--bias-l2': 'biasL2',
  '--decay': 'learningRateDecay',
  '--batch': 'batchSize',
  '--seed': 'seed',
  '--patience': 'patience',
};

const FILE_OPTIONS = ['--ratings', '--movies', '--train', '--test', '--valid'] as const;
type FileOption = (typeof FILE_OPTIONS)[number];

function invalid(message: string): LfmError {
  return new LfmError('invalid-config', `${message} Run with --help for the options.`);
}

/** Parses the command line of `npm run evaluate`; throws `invalid-config` naming the bad option. */
export function parseEvaluateArgs(argv: string[]): EvaluateArgs {
  const files: Record<FileOption, string | null> = {
    '--ratings': null,
    '--movies': null,
    '--train': null,
    '--test': null,
    '--valid': null,
  };
  const overrides: Partial<TrainConfig> = {};
  let preset: TrainConfig = DEFAULT_TRAIN_CONFIG;
  let backend: NodeBackend = 'wasm';
  let json = false;
  let tune = 1;
  let members = DEFAULT_FINAL_MEMBERS;
  let help = false;

  for (let index = 0; index < argv.length; index++) {
    const option = argv[index] as string;
    if (option === '--json') {
      json = true;
      continue;
    }
    if (option === '--help' || option === '-h') {
      help = true;
      continue;
    }

    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--'))
      throw invalid(`Option ${option} needs a value.`);
    index++;

    if ((FILE_OPTIONS as readonly string[]).includes(option)) {
      files[option as FileOption] = value;
    } else if (option in NUMBER_OPTIONS) {
      const parsed = Number(value);
      if (value.trim() === '' || !Number.isFinite(parsed)) {
        throw invalid(`Option ${option} must be a number, got "${value}".`);
      }
      overrides[NUMBER_OPTIONS[option] as NumericConfigKey] = parsed;
    } else if (option === '--path') {
      if (!(TRAINING_PATHS as readonly string[]).includes(value)) {
        throw invalid(`Option --path must be ${TRAINING_PATHS.join(' or ')}, got "${value}".`);
      }
      overrides.trainingPath = value as TrainingPath;
    } else if (option === '--preset') {
      if (value !== 'notebook' && value !== 'fused-sgd')
        throw invalid(`Option --preset must be "fused-sgd" or "notebook", got "${value}".`);
      preset = value === 'notebook' ? NOTEBOOK_PRESET : FUSED_SGD_PRESET;
    } else if (option === '--tune') {
      tune = Number(value);
      if (value.trim() === '' || !Number.isInteger(tune) || tune < 0 || tune > MAX_TRIALS) {
        throw invalid(`Option --tune must be an integer from 0 to ${MAX_TRIALS}, got "${value}".`);
      }
    } else if (option === '--members') {
      members = Number(value);
      if (
        value.trim() === '' ||
        !Number.isInteger(members) ||
        members < 1 ||
        members > MAX_MEMBERS
      ) {
        throw invalid(
          `Option --members must be an integer from 1 to ${MAX_MEMBERS}, got "${value}".`,
        );
      }
    } else if (option === '--backend') {
      if (value !== 'wasm' && value !== 'cpu') {
        throw invalid(`Option --backend must be wasm or cpu, got "${value}".`);
      }
      backend = value;
    } else {
      throw invalid(`Unknown option ${option}.`);
    }
  }

  const parsed: EvaluateArgs = {
    ratings: files['--ratings'],
    movies: files['--movies'],
    train: files['--train'],
    test: files['--test'],
    valid: files['--valid'],
    backend,
    json,
    help,
    tune,
    members,
    config: { ...preset, ...overrides },
  };
  if (help) return parsed;

  const hasSplitFiles = parsed.train !== null || parsed.test !== null;
  if (parsed.ratings === null && !hasSplitFiles) {
    throw invalid('Give a ratings file with --ratings, or a split with --train and --test.');
  }
  if (parsed.ratings !== null && hasSplitFiles) {
    throw invalid('Give either --ratings or --train/--test, not both.');
  }
  if (hasSplitFiles && (parsed.train === null || parsed.test === null)) {
    throw invalid('A given split needs both --train and --test.');
  }
  return parsed;
}
