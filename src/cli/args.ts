import { DEFAULT_TRAIN_CONFIG, NOTEBOOK_PRESET, type TrainConfig } from '../core/model/config';
import { LfmError } from '../core/errors';

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
  --lr X            Adam learning rate (${DEFAULT_TRAIN_CONFIG.learningRate})
  --l2 X            per-rating L2 strength (${DEFAULT_TRAIN_CONFIG.l2})
  --batch N         ratings per mini-batch (${DEFAULT_TRAIN_CONFIG.batchSize})
  --seed N          seed of the split, initialisation and shuffling (${DEFAULT_TRAIN_CONFIG.seed})
  --patience N      early-stopping patience in epochs, 0 for none (${DEFAULT_TRAIN_CONFIG.patience})
  --preset notebook the seed notebook's settings (k 6, L2 0.1, Adam 0.1, batch 2000);
                    later options override it

Output:
  --backend NAME    TensorFlow.js backend: wasm or cpu (wasm)
  --json            print one JSON object with every figure on stdout
  --help            print this text
`;

const NUMBER_OPTIONS: Record<string, keyof TrainConfig> = {
  '--k': 'k',
  '--epochs': 'epochs',
  '--lr': 'learningRate',
  '--l2': 'l2',
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
      overrides[NUMBER_OPTIONS[option] as keyof TrainConfig] = parsed;
    } else if (option === '--preset') {
      if (value !== 'notebook')
        throw invalid(`Option --preset must be "notebook", got "${value}".`);
      preset = NOTEBOOK_PRESET;
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
