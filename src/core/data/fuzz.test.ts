import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { LfmError, type LfmErrorCode } from '../errors';
import { classifyFile } from './file_kind';
import { loadDataset } from './load_dataset';
import { readMovies } from './movies_reader';
import { RatingsReader } from './ratings_reader';
import { readUsers } from './users_reader';
import { unpackZip } from './zip';

/**
 * Property tests: any bytes fed to the readers either parse or raise an `LfmError` with a
 * reader's code. Inputs stay under a few kilobytes and each property has a time limit, so a
 * reader that loops forever fails the test instead of hanging it.
 */

const READER_CODES: readonly LfmErrorCode[] = [
  'invalid-format',
  'empty-file',
  'no-ratings',
  'invalid-zip',
];
const RUNS = 300;
const PROPERTY_OPTIONS = { numRuns: RUNS, seed: 20_261_204, interruptAfterTimeLimit: 20_000 };
/** Milliseconds one input may take; the largest input here reads in well under 1 ms. */
const PER_INPUT_MS = 500;

/** Runs `read` and returns true when it parsed or threw an `LfmError` with a reader code. */
function parsesOrRejects(read: () => unknown): boolean {
  const started = performance.now();
  try {
    read();
  } catch (error) {
    if (!(error instanceof LfmError)) throw error;
    if (!READER_CODES.includes(error.code)) throw error;
  }
  const elapsed = performance.now() - started;
  if (elapsed > PER_INPUT_MS) throw new Error(`one input took ${elapsed.toFixed(0)} ms`);
  return true;
}

/** Feeds the bytes to a ratings reader in chunks of `chunkSize`. */
function readRatingsBytes(bytes: Uint8Array, chunkSize: number): void {
  const reader = new RatingsReader('ratings.dat');
  for (let start = 0; start < bytes.length; start += chunkSize) {
    reader.push(bytes.subarray(start, start + chunkSize));
  }
  reader.finish();
}

const VALID_LINES = {
  ratingsDat: ['1::1193::5::978300760', '1::661::3::978302109', '2::1357::4.5::978298709'],
  uData: ['196\t242\t3\t881250949', '186\t302\t3\t891717742', '22\t377\t1\t878887116'],
  ratingsCsv: [
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964982703',
    '1,3,4.0,964981247',
    '6,2,0.5,845553522',
  ],
  moviesDat: ["1::Toy Story (1995)::Animation|Children's|Comedy", '2::Jumanji (1995)::Adventure'],
  uItem: [
    '1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0',
    '2|GoldenEye (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?GoldenEye%20(1995)|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0',
  ],
  moviesCsv: [
    'movieId,title,genres',
    '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
    '11,"American President, The (1995)",Comedy|Drama|Romance',
  ],
  usersDat: ['1::F::1::10::48067', '2::M::56::16::70072'],
  uUser: ['1|24|M|technician|85711', '2|53|F|other|94043'],
};

/** Bytes that break parsers: separators, signs, dots, quotes, line ends, high and control bytes. */
const NASTY_BYTES = [
  0x3a, 0x09, 0x2c, 0x7c, 0x2d, 0x2b, 0x2e, 0x65, 0x22, 0x0a, 0x0d, 0x20, 0x00, 0x80, 0x92, 0xc3,
  0xe9, 0xef, 0xbb, 0xbf, 0xff, 0x30, 0x39,
];

/** One edit of a byte string: replace, insert or delete a byte, or cut the text there. */
type Mutation =
  { kind: 'replace' | 'insert'; at: number; byte: number } | { kind: 'delete' | 'cut'; at: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('replace' as const, 'insert' as const),
    at: fc.nat(),
    byte: fc.oneof(fc.constantFrom(...NASTY_BYTES), fc.integer({ min: 0, max: 255 })),
  }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'cut' as const), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let result = Array.from(bytes);
  for (const mutation of mutations) {
    const at = result.length === 0 ? 0 : mutation.at % (result.length + 1);
    if (mutation.kind === 'replace') result[at] = mutation.byte;
    else if (mutation.kind === 'insert') result.splice(at, 0, mutation.byte);
    else if (mutation.kind === 'delete') result.splice(at, 1);
    else result = result.slice(0, at);
  }
  return Uint8Array.from(result);
}

/** Lines drawn from `lines`, joined with LF or CRLF, then mutated up to 8 times. */
function mutatedFile(lines: readonly string[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(mutationArbitrary, { maxLength: 8 }),
    )
    .map(([picked, lineEnd, mutations]) => mutate(strToU8(picked.join(lineEnd)), mutations));
}

const randomBytes = fc.uint8Array({ maxLength: 2048 });
const chunkSize = fc.integer({ min: 1, max: 64 });

describe('readers on random input', () => {
  it('ratings reader parses or rejects random bytes', () => {
    fc.assert(
      fc.property(randomBytes, chunkSize, (bytes, size) =>
        parsesOrRejects(() => readRatingsBytes(bytes, size)),
      ),
      PROPERTY_OPTIONS,
    );
  });

  it.each([
    ['ratings.dat', VALID_LINES.ratingsDat],
    ['u.data', VALID_LINES.uData],
    ['ratings.csv', VALID_LINES.ratingsCsv],
  ])('ratings reader parses or rejects mutated %s lines', (_, lines) => {
    fc.assert(
      fc.property(mutatedFile(lines), chunkSize, (bytes, size) =>
        parsesOrRejects(() => readRatingsBytes(bytes, size)),
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('ratings reader keeps only ratings within the scale', () => {
    fc.assert(
      fc.property(mutatedFile(VALID_LINES.ratingsDat), (bytes) => {
        const reader = new RatingsReader('ratings.dat');
        let ratings: Float32Array;
        try {
          reader.push(bytes);
          ratings = reader.finish().ratings.rating;
        } catch (error) {
          if (error instanceof LfmError) return true;
          throw error;
        }
        return ratings.every((rating) => rating >= 0.5 && rating <= 5 && (rating * 2) % 1 === 0);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('movies reader parses or rejects random bytes', () => {
    fc.assert(
      fc.property(randomBytes, (bytes) => parsesOrRejects(() => readMovies(bytes, 'movies.dat'))),
      PROPERTY_OPTIONS,
    );
  });

  it.each([
    ['movies.dat', VALID_LINES.moviesDat],
    ['u.item', VALID_LINES.uItem],
    ['movies.csv', VALID_LINES.moviesCsv],
  ])('movies reader parses or rejects mutated %s lines', (name, lines) => {
    fc.assert(
      fc.property(mutatedFile(lines), (bytes) => parsesOrRejects(() => readMovies(bytes, name))),
      PROPERTY_OPTIONS,
    );
  });

  it.each([
    ['users.dat', VALID_LINES.usersDat],
    ['u.user', VALID_LINES.uUser],
  ])('users reader parses or rejects mutated %s lines', (name, lines) => {
    fc.assert(
      fc.property(mutatedFile(lines), (bytes) => parsesOrRejects(() => readUsers(bytes, name))),
      PROPERTY_OPTIONS,
    );
  });

  it('zip unpacker parses or rejects mutated zips', () => {
    const zip = zipSync({
      'ml-1m/ratings.dat': strToU8(VALID_LINES.ratingsDat.join('\n')),
      'ml-1m/movies.dat': strToU8(VALID_LINES.moviesDat.join('\n')),
    });
    fc.assert(
      fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), (mutations) =>
        parsesOrRejects(() => unpackZip(mutate(zip, mutations), 'ml-1m.zip')),
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('file classifier never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), randomBytes, (name, head) => {
        expect(['ratings', 'movies', 'users', 'zip', 'other']).toContain(classifyFile(name, head));
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('loadDataset resolves or rejects with an LfmError', async () => {
    const fileArbitrary = fc.record({
      name: fc.constantFrom('ratings.dat', 'u.data', 'ratings.csv', 'movies.dat', 'notes.txt'),
      bytes: fc.oneof(
        randomBytes,
        mutatedFile(VALID_LINES.ratingsDat),
        mutatedFile(VALID_LINES.moviesDat),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fileArbitrary, { minLength: 1, maxLength: 3 }), async (files) => {
        const inputs = files.map(({ name, bytes }) => ({
          name,
          size: bytes.length,
          chunks: async function* () {
            yield bytes;
          },
        }));
        try {
          await loadDataset(inputs);
        } catch (error) {
          if (!(error instanceof LfmError)) throw error;
        }
      }),
      { ...PROPERTY_OPTIONS, numRuns: 150 },
    );
  });
});
