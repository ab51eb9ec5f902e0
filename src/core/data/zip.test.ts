import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { LfmError } from '../errors';
import { unpackZip } from './zip';

function unpackError(bytes: Uint8Array): LfmError {
  try {
    unpackZip(bytes, 'download.zip');
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

describe('unpackZip', () => {
  it('picks the ML-100K files from a folder', () => {
    const zip = zipSync({
      'ml-100k/': {},
      'ml-100k/u.data': strToU8('1\t1\t4\t1\n'),
      'ml-100k/u1.base': strToU8('1\t1\t4\t1\n'),
      'ml-100k/u.item': strToU8('movies'),
      'ml-100k/u.user': strToU8('users'),
      'ml-100k/README': strToU8('readme'),
      '__MACOSX/ml-100k/._u.data': strToU8('metadata'),
    });

    const unpacked = unpackZip(zip, 'ml-100k.zip');

    expect(unpacked.ratings.path).toBe('ml-100k/u.data');
    expect(new TextDecoder().decode(unpacked.ratings.bytes)).toBe('1\t1\t4\t1\n');
    expect(unpacked.movies?.name).toBe('u.item');
    expect(unpacked.users?.name).toBe('u.user');
    expect(unpacked.ignored).toEqual(['ml-100k/u1.base', 'ml-100k/README']);
  });

  it('takes metadata from the ratings folder', () => {
    const zip = zipSync({
      'ml-latest-small/ratings.csv': strToU8('r'),
      'ml-latest-small/movies.csv': strToU8('m'),
      'other/movies.csv': strToU8('x'),
    });

    expect(unpackZip(zip, 'small.zip').movies?.path).toBe('ml-latest-small/movies.csv');
  });

  it('prefers ratings.dat over u.data', () => {
    const zip = zipSync({ 'a/u.data': strToU8('1'), 'b/ratings.dat': strToU8('2') });

    expect(unpackZip(zip, 'both.zip').ratings.path).toBe('b/ratings.dat');
  });

  it('rejects a zip without ratings', () => {
    const error = unpackError(
      zipSync({ 'ml-100k/u1.base': strToU8('1'), 'ml-100k/u.item': strToU8('2') }),
    );

    expect(error.code).toBe('invalid-zip');
    expect(error.message).toContain(
      'download.zip: a zip must contain a ratings file named ratings.dat',
    );
    expect(error.message).toContain('got 2 files: ml-100k/u1.base, ml-100k/u.item');
  });

  it.each([
    ['random bytes', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])],
    ['a cut zip', zipSync({ 'u.data': strToU8('1\t1\t4\t1\n'.repeat(100)) }).subarray(0, 40)],
  ])('rejects %s as corrupt', (_, bytes) => {
    const error = unpackError(bytes);

    expect(error.code).toBe('invalid-zip');
    expect(error.message).toContain('download.zip: the file must be a readable zip archive');
  });
});
