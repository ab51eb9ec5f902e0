import { describe, expect, it } from 'vitest';

import { DEFAULT_FINAL_MEMBERS } from '../core/tune/final_training';
import { parseEvaluateArgs } from './args';

describe('parseEvaluateArgs search options', () => {
  it('defaults to one trial', () => {
    const args = parseEvaluateArgs(['--ratings', 'u.data']);

    expect(args.tune).toBe(1);
    expect(args.members).toBe(DEFAULT_FINAL_MEMBERS);
  });

  it('reads --tune, --members, --decay and --bias-l2', () => {
    const args = parseEvaluateArgs([
      '--ratings',
      'u.data',
      '--tune',
      '6',
      '--members',
      '2',
      '--decay',
      '0.9',
      '--bias-l2',
      '0.02',
    ]);

    expect(args.tune).toBe(6);
    expect(args.members).toBe(2);
    expect(args.config.learningRateDecay).toBe(0.9);
    expect(args.config.biasL2).toBe(0.02);
  });

  it.each([['-1'], ['2.5'], ['201'], ['x']])('rejects --tune %s', (value) => {
    expect(() => parseEvaluateArgs(['--ratings', 'u.data', '--tune', value])).toThrow(
      /--tune must be an integer/,
    );
  });

  it('rejects --members 0', () => {
    expect(() => parseEvaluateArgs(['--ratings', 'u.data', '--members', '0'])).toThrow(
      /--members must be an integer/,
    );
  });
});
