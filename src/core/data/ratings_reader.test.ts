import fc from 'fast-check';
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { LfmError } from '../errors';
import { MAX_LISTED_SKIPS } from './dataset';
import { IdMap } from './id_map';
import {
  describeBadLine,
  RatingsReader,
  ratingsLayout,
  readRatings,
  type RatingsFile,
} from './ratings_reader';
import { ML_1M_SHAPE, writeSyntheticRatings } from './synthetic';
import { chunked, hasRealFile, realFilePath, realFileTitle } from './testing/real_files';

const encoder = new TextEncoder();

function read(text: string | Uint8Array, fileName = 'ratings.dat', chunkSize = 0): RatingsFile {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const reader = new RatingsReader(fileName);
  for (const chunk of chunkSize > 0 ? chunked(bytes, chunkSize) : [bytes]) reader.push(chunk);
  return reader.finish();
}

function readError(text: string | Uint8Array, fileName = 'ratings.dat'): LfmError {
  try {
    read(text, fileName);
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

/** Raw (user id, movie id, rating) rows, for readable assertions. */
function rows(file: RatingsFile): Array<[number, number, number]> {
  return Array.from(file.ratings.rating, (rating, index) => [
    file.users.rawId(file.ratings.user[index] as number),
    file.items.rawId(file.ratings.item[index] as number),
    rating,
  ]);
}

describe('RatingsReader layouts', () => {
  it.each([
    ['ml-1m', 'ratings.dat', '1::10::4::978300760\n2::20::3::978302109\n'],
    ['ml-100k', 'u.data', '1\t10\t4\t881250949\n2\t20\t3\t891717742\n'],
    [
      'ml-latest',
      'ratings.csv',
      'userId,movieId,rating,timestamp\r\n1,10,4.0,964982703\r\n2,20,3.0,964981247\r\n',
    ],
  ])('detects %s', (format, fileName, text) => {
    const file = read(text, fileName);

    expect(file.format).toBe(format);
    expect(rows(file)).toEqual([
      [1, 10, 4],
      [2, 20, 3],
    ]);
  });

  it('parses half-star ratings', () => {
    const file = read('1::1::3.5::1\n1::2::0.5::1\n2::1::5::1\n');

    expect(Array.from(file.ratings.rating)).toEqual([3.5, 0.5, 5]);
    expect(file.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
  });

  it('detects a whole-star scale', () => {
    expect(read('1\t1\t2\t1\n1\t2\t5\t1\n', 'u.data').scale).toEqual({ min: 2, max: 5, step: 1 });
  });

  it('accepts a CSV without header', () => {
    expect(rows(read('1,10,4.5,1\n', 'mine.csv'))).toEqual([[1, 10, 4.5]]);
  });

  it.each([
    ['blank lines', '\n\n1::1::4::1\n\n   \n2::2::5::1\n\n'],
    ['CRLF line ends', '1::1::4::1\r\n2::2::5::1\r\n'],
    ['no final newline', '1::1::4::1\n2::2::5::1'],
    ['spaces around fields', ' 1 :: 1 :: 4 :: 1 \n2::2:: 5.0::1\n'],
    ['an exponent', '1::1::4e0::1\n2::2::0.5e1::1\n'],
  ])('accepts %s', (_, text) => {
    expect(rows(read(text))).toEqual([
      [1, 1, 4],
      [2, 2, 5],
    ]);
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode('userId,movieId,rating,timestamp\n7,8,2.5,1\n'),
    ]);

    const file = read(bytes, 'ratings.csv');

    expect(file.format).toBe('ml-latest');
    expect(rows(file)).toEqual([[7, 8, 2.5]]);
    expect(file.skipped.count).toBe(0);
  });

  it('reads lines split across chunks', () => {
    const text =
      'userId,movieId,rating,timestamp\r\n1,10,4.0,964982703\r\n2,20,3.5,964981247\r\n3,30,1.0,1\r\n';
    const whole = rows(read(text, 'ratings.csv'));

    for (const size of [1, 2, 3, 5, 7, 13]) {
      expect(rows(read(text, 'ratings.csv', size))).toEqual(whole);
    }
  });

  it('counts lines and bytes', () => {
    const file = read('1::1::4::1\n\n2::2::5::1');

    expect(file.lines).toBe(3);
    expect(file.bytes).toBe(22);
  });

  it('reports progress in bytes', () => {
    const seen: number[] = [];
    const reader = new RatingsReader('ratings.dat', { onProgress: (bytes) => seen.push(bytes) });
    for (const chunk of chunked(encoder.encode('1::1::4::1\n2::2::5::1\n'), 8)) reader.push(chunk);
    reader.finish();

    expect(seen).toEqual([8, 16, 22]);
  });
});

describe('RatingsReader bad lines', () => {
  it.each([
    ['three fields', '1::2::3', 'line must have 4 fields separated by "::", got 3'],
    ['five fields', '1::2::3::4::5', 'line must have 4 fields separated by "::", got 5'],
    [
      'a negative user id',
      '-1::2::3::4',
      'user id must be an integer from 0 to 2147483647, got "-1"',
    ],
    [
      'a decimal movie id',
      '1::2.5::3::4',
      'movie id must be an integer from 0 to 2147483647, got "2.5"',
    ],
    [
      'an id of 2^31',
      '2147483648::2::3::4',
      'user id must be an integer from 0 to 2147483647, got "2147483648"',
    ],
    [
      'a text rating',
      '1::2::abc::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got "abc"',
    ],
    [
      'an empty rating',
      '1::2::::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got ""',
    ],
    [
      'a rating above 5',
      '1::2::7::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got "7"',
    ],
    [
      'a zero rating',
      '1::2::0::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got "0"',
    ],
    [
      'a rating of 3.7',
      '1::2::3.7::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got "3.7"',
    ],
    [
      'an infinite rating',
      '1::2::Infinity::4',
      'rating must be a number from 0.5 to 5 in steps of 0.5, got "Infinity"',
    ],
    [
      'a text timestamp',
      '1::2::3::soon',
      'timestamp must be an integer from 0 to 2147483647, got "soon"',
    ],
    [
      'a single colon',
      '1:2::3::4::5',
      'user id must be an integer from 0 to 2147483647, got "1:2"',
    ],
  ])('skips a line with %s', (_, badLine, reason) => {
    const file = read(`1::1::4::1\n${badLine}\n2::2::5::1\n`);

    expect(file.ratings.rating.length).toBe(2);
    expect(file.skipped.count).toBe(1);
    expect(file.skipped.first).toEqual([{ line: 2, reason, content: badLine }]);
  });

  it('rejects a 0.5 rating in u.data', () => {
    const file = read('1\t1\t4\t1\n1\t2\t0.5\t1\n', 'u.data');

    expect(file.skipped.first[0]?.reason).toBe(
      'rating must be a number from 1 to 5 in steps of 0.5, got "0.5"',
    );
  });

  it('skips an overlong line', () => {
    const file = read(`1::1::4::1\n${'9'.repeat(2000)}\n`, 'ratings.dat', 100);

    expect(file.skipped.first[0]?.reason).toBe(
      'line must be at most 1024 bytes long, got 2000 bytes',
    );
    expect(file.skipped.first[0]?.content.length).toBeLessThanOrEqual(201);
  });

  it('lists the first skips and counts the rest', () => {
    const bad = Array.from({ length: 25 }, (_, index) => `bad${index}`).join('\n');
    const file = read(`1::1::4::1\n${bad}\n`);

    expect(file.skipped.count).toBe(25);
    expect(file.skipped.first.length).toBe(MAX_LISTED_SKIPS);
    expect(file.skipped.first[0]?.line).toBe(2);
  });

  it('agrees with the text rules on random lines', () => {
    const field = fc.oneof(
      fc.constantFrom(
        '1',
        '0',
        '5',
        '3.5',
        '4.0',
        '-1',
        '',
        ' 2 ',
        '2147483647',
        '2147483648',
        '1e0',
        '.5',
        '4.',
        'x',
      ),
      fc.string({ maxLength: 4 }),
    );
    const line = fc.array(field, { minLength: 1, maxLength: 6 }).map((fields) => fields.join('::'));

    fc.assert(
      fc.property(line, (text) => {
        if (text.trim() === '' || text.includes('\n') || text.includes('\r')) return;
        const file = read(`1::1::4::1\n${text}\n`);
        const accepted = file.skipped.count === 0;
        const reason = describeBadLine(text, ratingsLayout('ml-1m'));
        expect(accepted).toBe(reason === 'line could not be read as a rating');
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('RatingsReader duplicates and id maps', () => {
  it('keeps the later rating of a repeated pair', () => {
    const file = read('1::1::1::1\n2::1::2::1\n1::1::5::2\n1::2::3::1\n1::1::4::3\n');

    expect(file.duplicates).toBe(2);
    expect(rows(file)).toEqual([
      [2, 1, 2],
      [1, 2, 3],
      [1, 1, 4],
    ]);
  });

  it('shares id maps between files', async () => {
    const users = new IdMap();
    const items = new IdMap();
    const train = await readRatings([encoder.encode('5\t50\t4\t1\n6\t60\t3\t1\n')], 'u1.base', {
      users,
      items,
    });
    const test = await readRatings([encoder.encode('6\t50\t2\t1\n7\t70\t1\t1\n')], 'u1.test', {
      users,
      items,
    });

    expect(Array.from(train.ratings.user)).toEqual([0, 1]);
    expect(Array.from(test.ratings.user)).toEqual([1, 2]);
    expect(Array.from(test.ratings.item)).toEqual([0, 2]);
    expect(users.size).toBe(3);
  });

  it('grows past its initial capacity', () => {
    const lines = Array.from({ length: 70_000 }, (_, index) => `${index % 700}::${index}::3::1`);

    const file = read(lines.join('\n'));

    expect(file.ratings.rating.length).toBe(70_000);
    expect(file.ratings.user.buffer.byteLength).toBe(70_000 * 4);
  });
});

describe('RatingsReader fatal errors', () => {
  it.each([
    ['an empty file', ''],
    ['only blank lines', '\n  \r\n\n'],
    ['only a byte order mark', '\ufeff'],
  ])('rejects %s as empty', (_, text) => {
    const error = readError(text);

    expect(error.code).toBe('empty-file');
    expect(error.message).toMatch(/^ratings\.dat: a ratings file must contain ratings, got /);
  });

  it('rejects a file with no valid rating', () => {
    const error = readError(
      '1::Toy Story (1995)::Animation|Comedy\n2::Jumanji (1995)::Adventure\n',
      'movies.dat',
    );

    expect(error.code).toBe('no-ratings');
    expect(error.message).toContain(
      'movies.dat: a ratings file must contain at least one valid rating',
    );
    expect(error.message).toContain('Line 1 "1::Toy Story (1995)::Animation|Comedy" was skipped');
    expect(error.location.line).toBe(1);
  });

  it.each([
    ['JSON', 'data.json', '[{"user": 1, "movie": 2}]', 'JSON is not supported'],
    [
      'a movies CSV',
      'movies.csv',
      'movieId,title,genres\n1,Toy Story (1995),Comedy\n',
      'looks like a movies file',
    ],
    ['a tags CSV', 'tags.csv', 'userId,movieId,tag,timestamp\n', 'looks like a tags file'],
    ['plain prose', 'notes.txt', 'hello world\n', 'Choose a MovieLens ratings file'],
  ])('rejects %s with the first line', (_, fileName, text, hint) => {
    const error = readError(text, fileName);

    expect(error.code).toBe('invalid-format');
    expect(error.message).toContain(`${fileName} line 1: a ratings file must have lines`);
    expect(error.message).toContain(`got "${text.split('\n')[0]}"`);
    expect(error.message).toContain(hint);
  });

  it('rejects an image as binary', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    ]);

    const error = readError(png, 'poster.png');

    expect(error.code).toBe('invalid-format');
    expect(error.message).toContain('poster.png line 1');
    expect(error.message).toContain('binary file');
  });

  it('rejects push after finish', () => {
    const reader = new RatingsReader('ratings.dat');
    reader.push(encoder.encode('1::1::4::1\n'));
    reader.finish();

    expect(() => reader.push(new Uint8Array(1))).toThrow('push called after finish');
  });
});

describe('RatingsReader sizing from a size hint', () => {
  /** About 3.4 MiB of ML-1M lines: 150,000 ratings by 1,500 users, 100 each. */
  function manyLines(): { bytes: Uint8Array; count: number } {
    const lines = Array.from(
      { length: 150_000 },
      (_, index) =>
        `${1 + Math.floor(index / 100)}::${1 + (index % 977)}::${1 + (index % 5)}::978300760`,
    );
    return { bytes: encoder.encode(`${lines.join('\n')}\n`), count: lines.length };
  }

  function readWithHint(bytes: Uint8Array, sizeHint: number): RatingsFile {
    const reader = new RatingsReader('ratings.dat', { sizeHint });
    for (const chunk of chunked(bytes, 65_536)) reader.push(chunk);
    return reader.finish();
  }

  function expectAllRatings(file: RatingsFile, count: number): void {
    expect(file.ratings.rating.length).toBe(count);
    expect(file.users.size).toBe(1500);
    const all = rows(file);
    for (const index of [0, 99, 100, 65_535, 65_536, 131_072, count - 1]) {
      expect(all[index]).toEqual([1 + Math.floor(index / 100), 1 + (index % 977), 1 + (index % 5)]);
    }
  }

  it('keeps every rating with an exact hint', () => {
    const { bytes, count } = manyLines();

    const file = readWithHint(bytes, bytes.length);

    expectAllRatings(file, count);
    expect(file.ratings.user.buffer.byteLength).toBeLessThan(count * 4 * 1.1);
  });

  it('keeps every rating with a hint too small', () => {
    const { bytes, count } = manyLines();

    expectAllRatings(readWithHint(bytes, 1 << 20), count);
  });

  it('copies to exact length with a hint far too large', () => {
    const { bytes, count } = manyLines();

    const file = readWithHint(bytes, bytes.length * 10);

    expectAllRatings(file, count);
    expect(file.ratings.user.buffer.byteLength).toBe(count * 4);
  });
});

describe('RatingsReader at ML-1M size', () => {
  it('parses 1,000,209 generated lines quickly', () => {
    const chunks = [...writeSyntheticRatings({ format: 'ml-1m', ...ML_1M_SHAPE, seed: 3 })];

    const started = performance.now();
    const reader = new RatingsReader('ratings.dat');
    for (const chunk of chunks) reader.push(chunk);
    const file = reader.finish();
    const seconds = (performance.now() - started) / 1000;

    expect(file.ratings.rating.length).toBe(1_000_209);
    expect(file.users.size).toBe(6040);
    expect(file.skipped.count).toBe(0);
    expect(file.duplicates).toBe(0);
    // Measured 0.14-0.17 s with Node 20 on a 2-vCPU Intel Xeon VM; the bound leaves room for
    // slower CI machines.
    expect(seconds).toBeLessThan(1.5);
  });
});

const U_DATA = 'ml-100k/u.data';
const LATEST = 'ml-latest-small/ratings.csv';
const ML_1M_PART = 'ml-1m/ratings-first-50439.dat';

describe.skipIf(!hasRealFile(U_DATA))(
  realFileTitle('RatingsReader on ML-100K u.data', U_DATA),
  () => {
    it('reads 100,000 ratings', async () => {
      const file = await readRatings(createReadStream(realFilePath(U_DATA)), 'u.data');

      expect(file.format).toBe('ml-100k');
      expect(file.ratings.rating.length).toBe(100_000);
      expect(file.users.size).toBe(943);
      expect(file.items.size).toBe(1682);
      expect(file.scale).toEqual({ min: 1, max: 5, step: 1 });
      expect(file.skipped.count).toBe(0);
      expect(file.duplicates).toBe(0);
    });
  },
);

describe.skipIf(!hasRealFile(LATEST))(
  realFileTitle('RatingsReader on ml-latest-small', LATEST),
  () => {
    it('reads 100,836 half-star ratings', async () => {
      const file = await readRatings(
        createReadStream(realFilePath(LATEST), { highWaterMark: 4099 }),
        'ratings.csv',
      );

      expect(file.format).toBe('ml-latest');
      expect(file.ratings.rating.length).toBe(100_836);
      expect(file.users.size).toBe(610);
      expect(file.items.size).toBe(9724);
      expect(file.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
      expect(file.skipped.count).toBe(0);
    });
  },
);

describe.skipIf(!hasRealFile(ML_1M_PART))(
  realFileTitle('RatingsReader on ML-1M lines', ML_1M_PART),
  () => {
    it('reads a last line without newline', async () => {
      const file = await readRatings(createReadStream(realFilePath(ML_1M_PART)), 'ratings.dat');

      // The file contains 50,439 line feeds and a last line after them, so 50,440 ratings.
      expect(file.format).toBe('ml-1m');
      expect(file.ratings.rating.length).toBe(50_440);
      expect(file.users.size).toBe(331);
      expect(file.lines).toBe(50_440);
      expect(file.skipped.count).toBe(0);
      expect(rows(file).at(-1)).toEqual([331, 1246, 2]);
    });
  },
);
