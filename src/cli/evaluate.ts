/**
 * `npm run evaluate`: trains the biased LFM on MovieLens files in Node with the same core the
 * browser worker runs, prints one line per epoch on stderr and, with --json, one JSON object
 * with every figure on stdout.
 */
import type { Dataset } from '../core/data/dataset';
import { loadDataset, loadPresetSplit } from '../core/data/load_dataset';
import { countUnknown, splitRandom, type RatingSplit } from '../core/data/split';
import { toErrorInfo } from '../core/errors';
import { validateTrainConfig } from '../core/model/config';
import { parseEvaluateArgs, USAGE, type EvaluateArgs } from './args';
import { nodeInputFile } from './node_files';
import { formatRanking, runProcedure } from './procedure';
import { startNodeBackend } from './node_backend';

interface LoadedInput {
  dataset: Dataset;
  split: RatingSplit;
}

/** Reads the ratings and splits them: at random by seed, or as the given files define. */
async function loadInput(args: EvaluateArgs): Promise<LoadedInput> {
  const seed = args.config.seed;
  if (args.ratings !== null) {
    const files = [nodeInputFile(args.ratings)];
    if (args.movies !== null) files.push(nodeInputFile(args.movies));
    const dataset = await loadDataset(files);
    return { dataset, split: splitRandom(dataset.ratings, seed) };
  }

  const preset = await loadPresetSplit({
    train: nodeInputFile(args.train as string),
    test: nodeInputFile(args.test as string),
    ...(args.valid !== null ? { validation: nodeInputFile(args.valid) } : {}),
    ...(args.movies !== null ? { movies: nodeInputFile(args.movies) } : {}),
  });
  if (preset.hasValidation) return preset;

  // Without a validation file, 10% of the training file is held out to choose the epoch.
  const inner = splitRandom(preset.split.train, seed, { train: 0.9, validation: 0.1, test: 0 });
  const { test } = preset.split;
  return {
    dataset: preset.dataset,
    split: {
      train: inner.train,
      validation: inner.validation,
      test,
      unknown: {
        validation: countUnknown(inner.train, inner.validation),
        test: countUnknown(inner.train, test),
      },
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const args = parseEvaluateArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  validateTrainConfig(args.config);

  const backend = await startNodeBackend(args.backend);
  const { dataset, split } = await loadInput(args);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(
    `${dataset.name}: ${dataset.ratings.rating.length} ratings, ${dataset.users.size} users, ${dataset.items.size} items; ` +
      `split ${split.train.rating.length}/${split.validation.rating.length}/${split.test.rating.length}, backend ${backend}`,
  );
  if (dataset.skipped.count > 0)
    log(
      `skipped ${dataset.skipped.count} malformed lines, first at line ${dataset.skipped.first[0]?.line}`,
    );

  const info = { users: dataset.users.size, items: dataset.items.size, scale: dataset.scale };
  const run = await runProcedure(split, info, args.config, args.tune, log, args.members);
  const { report } = run;
  if (run.divergence !== null) log(run.divergence.message);

  const rmse = (value: number): string => value.toFixed(4);
  log(
    `test RMSE ${rmse(report.test.rmse)} (global mean ${rmse(report.baselines.globalMean.rmse)}, ` +
      `biases only ${rmse(report.baselines.biases.rmse)}), best epoch ${report.bestEpoch}, ${report.reason}`,
  );
  if (report.ranking !== undefined) log(formatRanking(report.ranking));

  if (args.json) {
    const output = {
      config: args.config,
      backend,
      data: {
        name: dataset.name,
        format: dataset.format,
        ratings: dataset.ratings.rating.length,
        users: dataset.users.size,
        items: dataset.items.size,
        scale: dataset.scale,
        duplicates: dataset.duplicates,
        skipped: {
          count: dataset.skipped.count,
          first: dataset.skipped.first.map(({ line, reason }) => ({ line, reason })),
        },
      },
      split: {
        seed: args.config.seed,
        kind: args.ratings !== null ? 'random 80/10/10' : 'given files',
        train: split.train.rating.length,
        validation: split.validation.rating.length,
        test: split.test.rating.length,
      },
      epochs: run.history,
      bestEpoch: report.bestEpoch,
      stopReason: run.divergence !== null ? 'diverged' : report.reason,
      test: report.test,
      baselines: report.baselines,
      unknown: report.unknown,
      ranking: report.ranking ?? null,
      search: run.search,
      seconds: (performance.now() - started) / 1000,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const info = toErrorInfo(error);
    process.stderr.write(`error: ${info.message}\n`);
    process.exit(info.code === 'internal' ? 2 : 1);
  },
);
