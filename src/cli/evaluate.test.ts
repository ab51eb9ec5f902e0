import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasRealFile, realFilePath, realFileTitle } from '../core/data/testing/real_files';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, 'evaluate.ts');
const TSX = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');

interface Metrics {
  mae: number;
  mse: number;
  rmse: number;
}

interface EvaluateOutput {
  config: { k: number };
  backend: string;
  epochs: { epoch: number; trainLoss: number; l2: number; valRmse: number }[];
  test: Metrics;
  baselines: { globalMean: Metrics; biases: Metrics };
  unknown: { users: number; items: number };
  data: { format: string; ratings: number; scale: { min: number; max: number; step: number } };
  seconds: number;
}

async function evaluate(args: string[]): Promise<EvaluateOutput> {
  const { stdout } = await run(TSX, [CLI, ...args, '--json'], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as EvaluateOutput;
}

function expectBelowBaselines(output: EvaluateOutput): void {
  expect(output.test.rmse).toBeLessThan(output.baselines.biases.rmse);
  expect(output.test.rmse).toBeLessThan(output.baselines.globalMean.rmse);
}

describe(realFileTitle('evaluate on ml-100k', 'ml-100k/u.data'), () => {
  it.skipIf(!hasRealFile('ml-100k/u.data'))('beats both baselines with defaults', async () => {
    const output = await evaluate(['--ratings', realFilePath('ml-100k/u.data')]);

    expect(output.backend).toBe('wasm');
    expect(output.data).toMatchObject({ format: 'ml-100k', ratings: 100_000 });
    expect(output.epochs.length).toBeGreaterThan(1);
    expectBelowBaselines(output);
  });
});

describe(realFileTitle('evaluate on ml-latest-small', 'ml-latest-small/ratings.csv'), () => {
  const file = 'ml-latest-small/ratings.csv';
  let defaultRun: Promise<EvaluateOutput> | null = null;
  const evaluateDefaults = (): Promise<EvaluateOutput> =>
    (defaultRun ??= evaluate(['--ratings', realFilePath(file)]));

  it.skipIf(!hasRealFile(file))('beats both baselines with defaults', async () => {
    const output = await evaluateDefaults();

    expect(output.data).toMatchObject({ format: 'ml-latest', ratings: 100_836 });
    expect(output.data.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expectBelowBaselines(output);
  });

  it.skipIf(!hasRealFile(file))('notebook preset runs and loses to defaults', async () => {
    const preset = await evaluate(['--ratings', realFilePath(file), '--preset', 'notebook']);
    const defaults = await evaluateDefaults();

    expect(preset.config.k).toBe(6);
    expect(defaults.test.rmse).toBeLessThan(preset.test.rmse);
  });
});

describe('evaluate on generated files', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lfm-evaluate-'));
  const lines: string[] = [];
  for (let user = 1; user <= 30; user++) {
    for (let item = 1; item <= 20; item++)
      lines.push(`${user}\t${item}\t${1 + ((user * item) % 5)}\t0`);
  }

  it('reads a given train and test split', async () => {
    const train = path.join(folder, 'u1.base');
    const test = path.join(folder, 'u1.test');
    writeFileSync(train, lines.slice(0, 500).join('\n'));
    writeFileSync(test, lines.slice(500).join('\n'));

    const output = await evaluate(['--train', train, '--test', test, '--epochs', '2', '--k', '4']);

    expect(output.epochs).toHaveLength(2);
    expect(Number.isFinite(output.test.rmse)).toBe(true);
  });

  it('exits 1 naming the file, line and value', async () => {
    const bad = path.join(folder, 'ratings.dat');
    writeFileSync(bad, '{"not": "ratings"}\n');

    const failure = await run(TSX, [CLI, '--ratings', bad]).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain('ratings.dat');
    expect(stderr).toContain('line 1');
    expect(stderr).toContain('{"not": "ratings"}');
  });

  it('exits 1 on an unknown option', async () => {
    const failure = await run(TSX, [CLI, '--ratings', 'x', '--nope', '1']).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('Unknown option --nope');
  });
});
