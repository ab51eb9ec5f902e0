import { strToU8, zipSync } from 'fflate';
import { createReadStream, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { LfmError } from '../errors';
import { type InputFile, type LoadProgress, loadDataset, loadPresetSplit } from './load_dataset';
import { hasRealFile, readRealFile, realFilePath, realFileTitle } from './testing/real_files';

function memoryFile(name: string, content: string | Uint8Array, chunkSize = 5): InputFile {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return {
    name,
    size: bytes.length,
    chunks: async function* () {
      for (let start = 0; start < bytes.length; start += chunkSize)
        yield bytes.subarray(start, start + chunkSize);
    },
  };
}

function diskFile(relativePath: string): InputFile {
  const path = realFilePath(relativePath);
  return {
    name: relativePath.split('/').pop() as string,
    size: statSync(path).size,
    chunks: () => createReadStream(path),
  };
}

async function loadError(files: InputFile[]): Promise<LfmError> {
  try {
    await loadDataset(files);
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

const RATINGS = '1::10::4::1\n1::20::3::1\n2::10::5::1\n';
const MOVIES =
  '10::Heat (1995)::Action|Crime\n20::Sabrina (1995)::Comedy|Romance\n30::Unrated (1996)::Drama\n';
const USERS = '1::F::1::10::48067\n2::M::56::16::70072\n';

describe('loadDataset', () => {
  it('loads plain files of each kind', async () => {
    const dataset = await loadDataset([
      memoryFile('users.dat', USERS),
      memoryFile('movies.dat', MOVIES),
      memoryFile('ratings.dat', RATINGS),
    ]);

    expect(dataset.name).toBe('ratings.dat');
    expect(dataset.format).toBe('ml-1m');
    expect(dataset.ratings.rating.length).toBe(3);
    expect(dataset.movies?.get(10)?.title).toBe('Heat (1995)');
    expect(dataset.userProfiles?.get(2)?.age).toBe('56');
    expect(dataset.files).toEqual(['ratings.dat', 'movies.dat', 'users.dat']);
  });

  it('notes movie ids that match no rating', async () => {
    const dataset = await loadDataset([
      memoryFile('ratings.dat', RATINGS),
      memoryFile('movies.dat', MOVIES),
    ]);

    expect(dataset.notes).toEqual([
      'movies.dat: 1 movie ids match no rating (for example 30); they are kept for display only.',
    ]);
  });

  it('sniffs files with unusual names', async () => {
    const dataset = await loadDataset([
      memoryFile('my-ratings.txt', RATINGS),
      memoryFile('titles.txt', MOVIES),
    ]);

    expect(dataset.ratings.rating.length).toBe(3);
    expect(dataset.movies?.size).toBe(3);
  });

  it('ignores other files with a note', async () => {
    const dataset = await loadDataset([
      memoryFile('ratings.dat', RATINGS),
      memoryFile('README', 'hello'),
    ]);

    expect(dataset.notes).toContain(
      'README: not a MovieLens ratings, movies or users file; ignored.',
    );
  });

  it('loads a zip', async () => {
    const zip = zipSync({
      'ml-1m/ratings.dat': strToU8(RATINGS),
      'ml-1m/movies.dat': strToU8(MOVIES),
      'ml-1m/README': strToU8('readme'),
    });

    const dataset = await loadDataset([memoryFile('ml-1m.zip', zip, 64)]);

    expect(dataset.name).toBe('ml-1m.zip/ml-1m/ratings.dat');
    expect(dataset.ratings.rating.length).toBe(3);
    expect(dataset.movies?.size).toBe(3);
    expect(dataset.notes).toContain('ml-1m.zip: 1 other files not used (ml-1m/README).');
  });

  it('reports progress per file', async () => {
    const seen: LoadProgress[] = [];

    await loadDataset([memoryFile('ratings.dat', RATINGS, 16)], (progress) => seen.push(progress));

    expect(seen.at(-1)).toEqual({
      file: 'ratings.dat',
      bytesRead: RATINGS.length,
      totalBytes: RATINGS.length,
    });
  });

  it('rejects files without ratings', async () => {
    const error = await loadError([memoryFile('movies.dat', MOVIES)]);

    expect(error.code).toBe('no-ratings');
    expect(error.message).toContain(
      'a ratings file (ratings.dat, u.data or ratings.csv) is required, got movies.dat',
    );
  });

  it('notes a ratings file that is mostly bad lines', async () => {
    const text = 'userId,movieId,rating,timestamp\n1,10,4,1\n2,x,5,2\nbad\n';

    const dataset = await loadDataset([memoryFile('ratings.csv', text)]);

    expect(dataset.ratings.rating).toHaveLength(1);
    expect(dataset.notes).toContain(
      'ratings.csv: most lines were skipped (2 skipped, 1 read). Check that this is a MovieLens ratings file in a supported layout.',
    );
  });

  it('names an empty file it cannot recognise', async () => {
    const error = await loadError([memoryFile('empty_ratings.csv', '')]);

    expect(error.code).toBe('no-ratings');
    expect(error.message).toContain('got empty_ratings.csv. empty_ratings.csv is empty.');
  });

  it('rejects two ratings files', async () => {
    const error = await loadError([
      memoryFile('u1.base', '1\t1\t4\t1\n'),
      memoryFile('u1.test', '1\t2\t4\t1\n'),
    ]);

    expect(error.code).toBe('invalid-format');
    expect(error.message).toContain(
      'exactly one ratings file is allowed, got 2 (u1.base, u1.test)',
    );
  });

  it('rejects a zip without ratings', async () => {
    const error = await loadError([
      memoryFile('x.zip', zipSync({ 'x/movies.dat': strToU8(MOVIES) })),
    ]);

    expect(error.code).toBe('invalid-zip');
  });
});

describe('loadPresetSplit', () => {
  it('shares indices across parts', async () => {
    const preset = await loadPresetSplit({
      train: memoryFile('u1.base', '1\t10\t4\t1\n2\t20\t3\t1\n'),
      test: memoryFile('u1.test', '2\t10\t5\t1\n3\t30\t1\t1\n'),
      movies: memoryFile('movies.dat', MOVIES),
    });

    expect(Array.from(preset.split.test.user)).toEqual([1, 2]);
    expect(Array.from(preset.split.test.item)).toEqual([0, 2]);
    expect(preset.split.unknown.test).toEqual({ users: 1, items: 1 });
    expect(preset.hasValidation).toBe(false);
    expect(preset.split.validation.rating.length).toBe(0);
    expect(preset.dataset.ratings.rating.length).toBe(4);
    expect(preset.dataset.name).toBe('u1.base + u1.test');
    expect(preset.dataset.movies?.size).toBe(3);
  });

  it('merges skipped lines with file names', async () => {
    const preset = await loadPresetSplit({
      train: memoryFile('train.csv', '1,10,4.0,1\n'),
      validation: memoryFile('validation.csv', '1,20,3.5,1\nbad\n'),
      test: memoryFile('test.csv', '1,30,9,1\n1,10,2.0,1\n'),
    });

    expect(preset.dataset.skipped.count).toBe(2);
    expect(preset.dataset.skipped.first.map((skipped) => skipped.reason)).toEqual([
      'validation.csv: line must have 4 fields separated by ",", got 1',
      'test.csv: rating must be a number from 0.5 to 5 in steps of 0.5, got "9"',
    ]);
    expect(preset.dataset.scale).toEqual({ min: 2, max: 4, step: 0.5 });
  });
});

const ML_100K = ['u.data', 'u.item', 'u.user'].map((name) => `ml-100k/${name}`);
const haveMl100k = ML_100K.every(hasRealFile);

describe.skipIf(!haveMl100k)(realFileTitle('loadDataset on ML-100K', 'ml-100k/u.item'), () => {
  it('loads the three files', async () => {
    const dataset = await loadDataset(ML_100K.map(diskFile));

    expect(dataset.ratings.rating.length).toBe(100_000);
    expect(dataset.users.size).toBe(943);
    expect(dataset.items.size).toBe(1682);
    expect(dataset.movies?.size).toBe(1682);
    expect(dataset.userProfiles?.size).toBe(943);
    expect(dataset.notes).toEqual([]);
  });

  it('loads them from a zip', async () => {
    const zip = zipSync({
      'ml-100k/u.data': readRealFile('ml-100k/u.data'),
      'ml-100k/u.item': readRealFile('ml-100k/u.item'),
      'ml-100k/u.genre': readRealFile('ml-100k/u.genre'),
    });

    const dataset = await loadDataset([memoryFile('ml-100k.zip', zip, 1 << 16)]);

    expect(dataset.ratings.rating.length).toBe(100_000);
    expect(dataset.movies?.get(1)?.title).toBe('Toy Story (1995)');
  });
});

const LATEST = ['ratings.csv', 'movies.csv'].map((name) => `ml-latest-small/${name}`);

describe.skipIf(!LATEST.every(hasRealFile))(
  realFileTitle('loadDataset on ml-latest-small', LATEST[1] as string),
  () => {
    it('matches movies to ratings', async () => {
      const dataset = await loadDataset(LATEST.map(diskFile));

      expect(dataset.ratings.rating.length).toBe(100_836);
      expect(dataset.movies?.size).toBe(9742);
      // 18 listed movies have no rating in ml-latest-small.
      expect(dataset.notes).toEqual([
        expect.stringMatching(/^movies\.csv: 18 movie ids match no rating/),
      ]);
    });
  },
);
