import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, NOTEBOOK_PRESET } from '../core/model/config';
import { parseEvaluateArgs } from './args';

describe('parseEvaluateArgs', () => {
  it('uses the default config', () => {
    const args = parseEvaluateArgs(['--ratings', 'u.data']);

    expect(args.ratings).toBe('u.data');
    expect(args.config).toEqual(DEFAULT_TRAIN_CONFIG);
    expect(args.backend).toBe('wasm');
    expect(args.json).toBe(false);
  });

  it('applies the notebook preset then overrides', () => {
    const args = parseEvaluateArgs(['--ratings', 'r.csv', '--preset', 'notebook', '--epochs', '3']);

    expect(args.config).toEqual({ ...NOTEBOOK_PRESET, epochs: 3 });
  });

  it('reads every number option', () => {
    const argv = ['--ratings', 'r', '--k', '8', '--lr', '0.01', '--l2', '0.2', '--batch', '64'];
    const args = parseEvaluateArgs([...argv, '--seed', '7', '--patience', '0', '--json']);

    expect(args.config).toMatchObject({ k: 8, learningRate: 0.01, l2: 0.2, batchSize: 64 });
    expect(args.config).toMatchObject({ seed: 7, patience: 0 });
    expect(args.json).toBe(true);
  });

  it('accepts a given split', () => {
    const args = parseEvaluateArgs(['--train', 'u1.base', '--test', 'u1.test']);

    expect(args.train).toBe('u1.base');
    expect(args.test).toBe('u1.test');
    expect(args.ratings).toBeNull();
  });

  it.each([
    [[], /--ratings/],
    [['--ratings'], /needs a value/],
    [['--ratings', 'a', '--k', 'x'], /--k must be a number, got "x"/],
    [['--ratings', 'a', '--preset', 'fast'], /"notebook", got "fast"/],
    [['--ratings', 'a', '--backend', 'webgpu'], /wasm or cpu, got "webgpu"/],
    [['--ratings', 'a', '--frobnicate', '1'], /Unknown option --frobnicate/],
    [['--train', 'a'], /both --train and --test/],
    [['--ratings', 'a', '--test', 'b'], /not both/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseEvaluateArgs(argv)).toThrow(message);
  });
});
