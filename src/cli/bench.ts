/**
 * `npm run bench`: times parsing and training on generated MovieLens-shaped data, in Node with
 * the core and in headless Chromium with the built app, next to a Keras-style `tf.layers`
 * model, and prints one table (or, with --json, a JSON array of rows).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  ML_1M_SHAPE,
  ML_25M_SHAPE,
  writeSyntheticRatings,
  type SyntheticRatingsOptions,
} from '../core/data/synthetic';
import { DEFAULT_TRAIN_CONFIG, FUSED_SGD_PRESET, type TrainConfig } from '../core/model/config';
import { startBrowserBench, type BrowserBench } from './bench_browser';
import { benchCoreInNode, benchKerasInNode, type BenchRow } from './bench_node';

const USAGE = `Usage: npm run bench -- [options]

Generates MovieLens-shaped ratings in a temporary folder, then times parsing and training.

  --epochs N         epochs per run, no early stopping (3)
  --k N              latent dimension (32)
  --paths LIST       training paths, comma-separated: fused-sgd, adam (fused-sgd,adam)
  --browser-backends LIST  backends in Chromium, comma-separated: wasm, cpu, webgpu, webgl (wasm)
  --ml-25m           also run ML-25M-shaped data (25,000,095 ratings, fused-sgd only,
                     one epoch). It writes a 690 MB file and takes several minutes.
  --no-node          skip the Node runs
  --no-browser       skip the Chromium runs (they need dist/: run \`npx vite build\` first)
  --no-keras         skip the tf.layers comparison (one epoch on 20,000 ratings, CPU
                     backend, next to the fused path on the same data)
  --data-dir DIR     where generated files are kept between runs (system temp folder)
  --json             print the rows as a JSON array on stdout

Chromium rows also report the worker's own parse seconds, the explorer's top-10 round trip
(median and max over 5 users, ms) and the peak resident memory of the tab's renderer process
and of all browser processes (MB). Node rows report the top-10 of the core function.
  --help             print this text
`;

interface BenchArgs {
  epochs: number;
  k: number;
  paths: ('adam' | 'fused-sgd')[];
  browserBackends: ('wasm' | 'cpu' | 'webgpu' | 'webgl')[];
  ml25m: boolean;
  node: boolean;
  browser: boolean;
  keras: boolean;
  dataDir: string;
  json: boolean;
  help: boolean;
}

interface DataShape {
  label: string;
  options: SyntheticRatingsOptions;
  fileName: string;
}

/**
 * Small enough for the tf.layers model on the CPU backend: its gather gradient
 * (UnsortedSegmentSum) took over 4 minutes per epoch at ML-100K's shape on the bench machine.
 */
const KERAS_SHAPE = { users: 300, items: 500, ratings: 20_000 } as const;
const TASTE_RANK = 8;

const SHAPES: Record<'small' | 'ml-1m' | 'ml-25m', DataShape> = {
  small: {
    label: 'small (300 x 500)',
    options: { format: 'ml-1m', ...KERAS_SHAPE, tasteRank: TASTE_RANK, seed: 100 },
    fileName: 'small-shape/ratings.dat',
  },
  'ml-1m': {
    label: 'ML-1M-shaped',
    options: { format: 'ml-1m', ...ML_1M_SHAPE, tasteRank: TASTE_RANK, seed: 1 },
    fileName: 'ml-1m-shape/ratings.dat',
  },
  'ml-25m': {
    label: 'ML-25M-shaped',
    options: { format: 'ml-latest', ...ML_25M_SHAPE, tasteRank: TASTE_RANK, seed: 25 },
    fileName: 'ml-25m-shape/ratings.csv',
  },
};

function parseList<T extends string>(value: string, allowed: readonly T[], option: string): T[] {
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`bench: ${option} accepts ${allowed.join(', ')}, got "${item}".`);
    }
  }
  return items as T[];
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    epochs: 3,
    k: 32,
    paths: ['fused-sgd', 'adam'],
    browserBackends: ['wasm'],
    ml25m: false,
    node: true,
    browser: true,
    keras: true,
    dataDir: path.join(tmpdir(), 'lfm-bench'),
    json: false,
    help: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index] as string;
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`bench: option ${option} needs a value.`);
      return next;
    };
    if (option === '--json') args.json = true;
    else if (option === '--help' || option === '-h') args.help = true;
    else if (option === '--ml-25m') args.ml25m = true;
    else if (option === '--no-node') args.node = false;
    else if (option === '--no-browser') args.browser = false;
    else if (option === '--no-keras') args.keras = false;
    else if (option === '--data-dir') args.dataDir = value();
    else if (option === '--epochs' || option === '--k') {
      const text = value();
      const number = Number(text);
      if (!Number.isInteger(number) || number < 1) {
        throw new Error(`bench: ${option} must be a positive integer, got "${text}".`);
      }
      if (option === '--epochs') args.epochs = number;
      else args.k = number;
    } else if (option === '--paths') {
      args.paths = parseList(value(), ['adam', 'fused-sgd'] as const, option);
    } else if (option === '--browser-backends') {
      args.browserBackends = parseList(
        value(),
        ['wasm', 'cpu', 'webgpu', 'webgl'] as const,
        option,
      );
    } else throw new Error(`bench: unknown option ${option}. Run with --help for the options.`);
  }
  return args;
}

/** Writes the shape's file once and returns its path; a file already there is reused. */
async function ensureData(
  dataDir: string,
  shape: DataShape,
  log: (line: string) => void,
): Promise<string> {
  const file = path.join(dataDir, shape.fileName);
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  log(`writing ${shape.label} ratings to ${file} ...`);
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  for (const chunk of writeSyntheticRatings(shape.options)) {
    if (!stream.write(chunk))
      await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  renameSync(partial, file);
  return file;
}

function configFor(
  trainingPath: 'adam' | 'fused-sgd',
  args: BenchArgs,
  epochs: number,
): TrainConfig {
  const base = trainingPath === 'fused-sgd' ? FUSED_SGD_PRESET : DEFAULT_TRAIN_CONFIG;
  return { ...base, k: args.k, epochs, patience: 0 };
}

/** URL parameters that give the browser run the same config as `configFor`. */
function browserExtra(config: TrainConfig): Record<string, string> {
  const extra: Record<string, string> = {
    l2: String(config.l2),
    'init-std': String(config.initStd),
  };
  if (config.biasL2 !== undefined) extra['bias-l2'] = String(config.biasL2);
  if (config.sgdLearningRate !== undefined) extra['sgd-lr'] = String(config.sgdLearningRate);
  return extra;
}

function formatTable(rows: BenchRow[], keras: BenchRow | null): string {
  const header = [
    'path',
    'backend',
    'dataset',
    'ratings',
    'k',
    'epochs',
    'parse s',
    's/epoch',
    'total s',
    'to metrics s',
    'val RMSE',
    'peak heap MB',
    'ratings/s vs keras',
    'worker parse s',
    'top-10 ms',
    'peak RSS MB',
  ];
  const kerasRate = keras === null ? NaN : keras.ratings / keras.secondsPerEpoch;
  const lines = rows.map((row) => [
    row.path,
    row.backend,
    row.dataset,
    row.ratings.toLocaleString('en-US'),
    String(row.k),
    String(row.epochs),
    row.parseSeconds.toFixed(2),
    row.secondsPerEpoch.toFixed(3),
    row.totalSeconds.toFixed(2),
    row.trainToMetricsSeconds === undefined ? '' : row.trainToMetricsSeconds.toFixed(2),
    row.valRmse.toFixed(4),
    row.peakHeapMB.toFixed(0),
    Number.isFinite(kerasRate)
      ? `${(row.ratings / row.secondsPerEpoch / kerasRate).toFixed(1)}x`
      : '',
    row.workerParseSeconds === undefined ? '' : row.workerParseSeconds.toFixed(2),
    row.top10Ms === undefined
      ? ''
      : `${row.top10Ms.toFixed(1)} (max ${row.top10MaxMs?.toFixed(1)})`,
    row.peakRendererMB === undefined
      ? ''
      : `${row.peakRendererMB.toFixed(0)} (all ${row.peakProcessesMB?.toFixed(0)})`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...lines.map(format),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const rows: BenchRow[] = [];
  const record = (row: BenchRow): void => {
    rows.push(row);
    log(
      `${row.path} on ${row.backend}, ${row.dataset}: ${row.secondsPerEpoch.toFixed(3)} s/epoch, validation RMSE ${row.valRmse.toFixed(4)}`,
    );
  };

  const small = await ensureData(args.dataDir, SHAPES.small, log);
  const medium = await ensureData(args.dataDir, SHAPES['ml-1m'], log);
  const large = args.ml25m ? await ensureData(args.dataDir, SHAPES['ml-25m'], log) : null;

  let keras: BenchRow | null = null;
  if (args.keras) {
    keras = await benchKerasInNode(small, SHAPES.small.label, {
      ...DEFAULT_TRAIN_CONFIG,
      k: args.k,
      epochs: 1,
    });
    record(keras);
    record(
      await benchCoreInNode(
        small,
        SHAPES.small.label,
        'wasm',
        configFor('fused-sgd', args, args.epochs),
      ),
    );
  }

  if (args.node) {
    for (const trainingPath of args.paths) {
      record(
        await benchCoreInNode(
          medium,
          SHAPES['ml-1m'].label,
          'wasm',
          configFor(trainingPath, args, args.epochs),
        ),
      );
    }
    if (large !== null) {
      record(
        await benchCoreInNode(
          large,
          SHAPES['ml-25m'].label,
          'wasm',
          configFor('fused-sgd', args, 1),
        ),
      );
    }
  }

  if (args.browser) {
    const browser: BrowserBench = await startBrowserBench(
      process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    );
    try {
      for (const backend of args.browserBackends) {
        for (const trainingPath of args.paths) {
          // The fused path has kernels for wasm, cpu and webgpu, not for webgl.
          if (trainingPath === 'fused-sgd' && backend === 'webgl') continue;
          const config = configFor(trainingPath, args, args.epochs);
          record(
            await browser.run(medium, SHAPES['ml-1m'].label, {
              ratingCount: SHAPES['ml-1m'].options.ratings,
              userCount: SHAPES['ml-1m'].options.users,
              backend,
              path: trainingPath,
              k: config.k,
              epochs: config.epochs,
              seed: config.seed,
              extra: browserExtra(config),
            }),
          );
        }
      }
      if (large !== null) {
        const config = configFor('fused-sgd', args, 1);
        record(
          await browser.run(large, SHAPES['ml-25m'].label, {
            ratingCount: SHAPES['ml-25m'].options.ratings,
            userCount: SHAPES['ml-25m'].options.users,
            backend: 'wasm',
            path: 'fused-sgd',
            k: config.k,
            epochs: 1,
            seed: config.seed,
            extra: browserExtra(config),
          }),
        );
      }
    } finally {
      await browser.close();
    }
  }

  if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else process.stdout.write(`${formatTable(rows, keras)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
