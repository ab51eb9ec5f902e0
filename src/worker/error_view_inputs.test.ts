import { describe, expect, it } from 'vitest';

import { splitRandom } from '../core/data/split';
import { triples } from '../core/model/test_support';
import { errorViewInputs } from './error_view_inputs';

describe('errorViewInputs', () => {
  const ratings = triples([
    [0, 0, 4],
    [0, 1, 3],
    [0, 2, 5],
    [1, 0, 2],
    [1, 2, 1],
    [2, 1, 4],
    [2, 0, 3],
    [2, 2, 2],
    [3, 1, 5],
    [3, 0, 4],
  ]);
  const split = splitRandom(ratings, 42);

  it('counts training ratings per user', () => {
    const inputs = errorViewInputs(split, 5);

    const expected = new Int32Array(5);
    for (const user of split.train.user) expected[user]! += 1;
    expect(Array.from(inputs.trainCounts)).toEqual(Array.from(expected));
    expect(inputs.trainCounts.reduce((sum, count) => sum + count, 0)).toBe(8);
    expect(inputs.trainCounts[4]).toBe(0);
  });

  it('keeps the test part and nothing of training', () => {
    const inputs = errorViewInputs(split, 5);

    expect(inputs.test).toBe(split.test);
    expect(Object.keys(inputs).sort()).toEqual(['test', 'trainCounts']);
  });
});
