import { describe, expect, it } from 'vitest';

import { formatSeconds } from './format';

describe('formatSeconds', () => {
  it.each([
    [0.004, '0.004 s'],
    [0.23, '0.23 s'],
    [4.2, '4.20 s'],
    [12.34, '12.3 s'],
    [125, '2 min 05 s'],
  ])('formats %f as %s', (seconds, expected) => {
    expect(formatSeconds(seconds)).toBe(expected);
  });
});
