import { describe, expect, it } from 'vitest';
import { LfmError } from '../core/errors';
import { explainLoadFailure, isOutOfMemory } from './out_of_memory';

const files = [
  { name: 'ratings.csv', size: 734_003_200 },
  { name: 'movies.csv', size: 3_145_728 },
];

describe('explainLoadFailure', () => {
  it('names the files and size of an allocation failure', () => {
    const explained = explainLoadFailure(new RangeError('Array buffer allocation failed'), files);

    expect(explained).toBeInstanceOf(LfmError);
    expect(explained).toMatchObject({ code: 'out-of-memory' });
    expect((explained as LfmError).message).toContain('ratings.csv, movies.csv');
    expect((explained as LfmError).message).toContain('703 MB');
    expect((explained as LfmError).message).toContain('Close other tabs');
  });

  it('recognises a real failed allocation', () => {
    let thrown: unknown = null;
    try {
      // 2^53 bytes is beyond any engine's ArrayBuffer limit.
      new ArrayBuffer(2 ** 53);
    } catch (error) {
      thrown = error;
    }

    expect(isOutOfMemory(thrown)).toBe(true);
  });

  it('passes other errors through', () => {
    const other = new LfmError('empty-file', 'ratings.csv: the file is empty.');

    expect(explainLoadFailure(other, files)).toBe(other);
    expect(explainLoadFailure(new RangeError('index out of range'), files)).toBeInstanceOf(
      RangeError,
    );
  });
});
