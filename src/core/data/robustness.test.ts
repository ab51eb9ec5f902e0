import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { LfmError, type LfmErrorCode } from '../errors';
import { MAX_LISTED_SKIPS } from './dataset';
import { type InputFile, loadDataset } from './load_dataset';
import { readMovies } from './movies_reader';
import { readRatings } from './ratings_reader';

/** Every bad input gets a small file built here; each case states the expected behaviour. */

function memoryFile(name: string, content: string | Uint8Array, chunkSize = 7): InputFile {
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

async function loadError(files: InputFile[]): Promise<LfmError> {
  try {
    await loadDataset(files);
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

function moviesError(bytes: Uint8Array, name: string): LfmError {
  try {
    readMovies(bytes, name);
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

/** The first bytes of a real PNG: signature, then the IHDR chunk of a 1x1 image. */
const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89,
]);

interface FatalCase {
  name: string;
  file: string;
  content: string | Uint8Array;
  code: LfmErrorCode;
  line?: number;
  /** Texts the message must contain, beyond the file name. */
  says: string[];
}

const FATAL_CASES: FatalCase[] = [
  {
    name: 'a PNG renamed ratings.dat',
    file: 'ratings.dat',
    content: PNG_BYTES,
    code: 'invalid-format',
    line: 1,
    says: ['binary file', 'PNG'],
  },
  {
    name: 'a JSON file named ratings.csv',
    file: 'ratings.csv',
    content: '{"userId": 1, "movieId": 2, "rating": 4}\n',
    code: 'invalid-format',
    line: 1,
    says: ['JSON is not supported', 'userId,movieId,rating,timestamp'],
  },
  {
    name: 'a JSON array named ratings.csv',
    file: 'ratings.csv',
    content: '[[1, 2, 4, 100]]\n',
    code: 'invalid-format',
    line: 1,
    says: ['JSON is not supported'],
  },
  {
    name: 'a ratings file with five columns',
    file: 'ratings.dat',
    content: '1::10::4::100::extra\n2::20::3::100::extra\n',
    code: 'no-ratings',
    line: 1,
    says: ['4 fields separated by "::", got 5', '1::10::4::100::extra'],
  },
  {
    name: 'a movies.dat dropped as ratings',
    file: 'ratings.dat',
    content: "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure\n",
    code: 'no-ratings',
    line: 1,
    says: ['not a movies, users or tags file', 'Toy Story'],
  },
  {
    name: 'a movies.csv dropped as ratings',
    file: 'ratings.csv',
    content: 'movieId,title,genres\n1,Toy Story (1995),Comedy\n',
    code: 'invalid-format',
    line: 1,
    says: ['looks like a movies file', 'movieId,title,genres'],
  },
  {
    name: 'an empty ratings file',
    file: 'ratings.dat',
    content: '',
    code: 'empty-file',
    says: ['an empty file'],
  },
  {
    name: 'a ratings file of blank lines',
    file: 'u.data',
    content: '\n  \r\n\t\n',
    code: 'empty-file',
    says: ['only blank lines'],
  },
  {
    name: 'a zip without a ratings file',
    file: 'ml-100k.zip',
    content: zipSync({ 'ml-100k/u.item': strToU8('1|Toy Story|x'), 'ml-100k/README': strToU8('') }),
    code: 'invalid-zip',
    says: ['ml-100k/u.item', 'ml-100k/README'],
  },
  {
    name: 'a corrupt zip',
    file: 'ml-100k.zip',
    content: zipSync({ 'ml-100k/u.data': strToU8('1\t1\t4\t1\n'.repeat(50)) }).slice(0, 40),
    code: 'invalid-zip',
    says: ['readable zip archive'],
  },
  {
    name: 'a text file named .zip',
    file: 'ratings.zip',
    content: '1::10::4::100\n',
    code: 'invalid-zip',
    says: ['readable zip archive'],
  },
];

describe('loadDataset with a bad ratings file', () => {
  it.each(FATAL_CASES)('rejects $name', async ({ file, content, code, line, says }) => {
    const error = await loadError([memoryFile(file, content)]);

    expect(error.code).toBe(code);
    expect(error.message).toContain(file);
    expect(error.location.file).toBe(file);
    if (line !== undefined) {
      expect(error.location.line).toBe(line);
      expect(error.message.toLowerCase()).toContain(`line ${line}`);
      expect(error.location.value).not.toBe('');
    }
    for (const text of says) expect(error.message).toContain(text);
  });

  it('names a JSON file that is not recognised as ratings', async () => {
    const error = await loadError([memoryFile('export.json', '{"ratings": []}')]);

    expect(error.code).toBe('no-ratings');
    expect(error.message).toContain('export.json');
    expect(error.message).toContain('a ratings file (ratings.dat, u.data or ratings.csv)');
  });

  it('keeps control bytes out of the message', async () => {
    const error = await loadError([memoryFile('ratings.dat', PNG_BYTES)]);

    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
  });
});

interface SkipCase {
  name: string;
  file: string;
  content: string;
  /** Ratings kept. */
  kept: number;
  /** Skipped lines: [line number, text the reason contains]. */
  skipped: [number, string][];
}

const SKIP_CASES: SkipCase[] = [
  {
    name: 'mixed separators',
    file: 'ratings.dat',
    content: '1::10::4::1\n1\t20\t3\t1\n2,10,5,1\n2::20::3::1\n',
    kept: 2,
    skipped: [
      [2, '4 fields separated by "::", got 1'],
      [3, '4 fields separated by "::", got 1'],
    ],
  },
  {
    name: 'a separator mixed inside a line',
    file: 'u.data',
    content: '1\t10\t4\t1\n1\t20,3\t1\n',
    kept: 1,
    skipped: [[2, '4 fields separated by tabs, got 3']],
  },
  {
    name: 'a header in ratings.dat',
    file: 'ratings.dat',
    content: 'UserID::MovieID::Rating::Timestamp\n1::10::4::1\n',
    kept: 1,
    skipped: [[1, 'user id must be an integer from 0 to 2147483647, got "UserID"']],
  },
  {
    name: 'a header in u.data',
    file: 'u.data',
    content: 'user\titem\trating\ttimestamp\n1\t10\t4\t1\n',
    kept: 1,
    skipped: [[1, 'got "user"']],
  },
  {
    name: 'a repeated CSV header',
    file: 'ratings.csv',
    content: 'userId,movieId,rating,timestamp\n1,10,4,1\nuserId,movieId,rating,timestamp\n',
    kept: 1,
    skipped: [[3, 'got "userId"']],
  },
  {
    name: 'ids that are not integers',
    file: 'ratings.dat',
    content: '1.5::10::4::1\n1::1e3::4::1\nabc::10::4::1\n1::10::4::1\n',
    kept: 1,
    skipped: [
      [1, 'user id must be an integer from 0 to 2147483647, got "1.5"'],
      [2, 'movie id must be an integer from 0 to 2147483647, got "1e3"'],
      [3, 'got "abc"'],
    ],
  },
  {
    name: 'negative ids',
    file: 'ratings.csv',
    content: '-1,10,4,1\n1,-10,4,1\n1,10,4,1\n',
    kept: 1,
    skipped: [
      [1, 'user id must be an integer from 0 to 2147483647, got "-1"'],
      [2, 'movie id must be an integer from 0 to 2147483647, got "-10"'],
    ],
  },
  {
    name: 'ids beyond 2^31 - 1',
    file: 'ratings.dat',
    content: '2147483648::10::4::1\n1::99999999999999999999::4::1\n2147483647::10::4::1\n',
    kept: 1,
    skipped: [
      [1, 'got "2147483648"'],
      [2, 'got "99999999999999999999"'],
    ],
  },
  {
    name: 'ratings outside the scale',
    file: 'ratings.dat',
    content: '1::10::6::1\n1::11::0::1\n1::12::-1::1\n1::13::4.3::1\n1::14::0.5::1\n',
    kept: 1,
    skipped: [
      [1, 'rating must be a number from 0.5 to 5 in steps of 0.5, got "6"'],
      [2, 'got "0"'],
      [3, 'got "-1"'],
      [4, 'got "4.3"'],
    ],
  },
  {
    name: 'a half star in u.data',
    file: 'u.data',
    content: '1\t10\t0.5\t1\n1\t11\t4\t1\n',
    kept: 1,
    skipped: [[1, 'rating must be a number from 1 to 5 in steps of 0.5, got "0.5"']],
  },
  {
    name: 'NaN, Infinity and empty ratings',
    file: 'ratings.csv',
    content: '1,10,NaN,1\n1,11,Infinity,1\n1,12,,1\n1,13, ,1\n1,14,4,1\n',
    kept: 1,
    skipped: [
      [1, 'got "NaN"'],
      [2, 'got "Infinity"'],
      [3, 'got ""'],
      [4, 'got ""'],
    ],
  },
  {
    name: 'a truncated last line',
    file: 'ratings.dat',
    content: '1::10::4::100\n1::20::3::100\n2::10::',
    kept: 2,
    skipped: [[3, '4 fields separated by "::", got 3']],
  },
  {
    name: 'a last line cut inside the timestamp',
    file: 'ratings.dat',
    content: '1::10::4::100\n2::10::5::9',
    kept: 2,
    skipped: [],
  },
];

describe('loadDataset with bad lines', () => {
  it.each(SKIP_CASES)('skips $name and reports them', async ({ file, content, kept, skipped }) => {
    const dataset = await loadDataset([memoryFile(file, content)]);

    expect(dataset.ratings.rating.length).toBe(kept);
    expect(dataset.skipped.count).toBe(skipped.length);
    skipped.forEach(([line, reason], index) => {
      const entry = dataset.skipped.first[index];
      expect(entry?.line).toBe(line);
      expect(entry?.reason).toContain(reason);
      expect(entry?.content).toBe(content.split('\n')[line - 1]);
    });
  });

  it('lists the first skipped lines and counts the rest', async () => {
    const bad = Array.from({ length: 25 }, (_, index) => `x${index}::10::4::1`);
    const content = ['1::10::4::1', ...bad].join('\n');

    const dataset = await loadDataset([memoryFile('ratings.dat', content)]);

    expect(dataset.skipped.count).toBe(25);
    expect(dataset.skipped.first).toHaveLength(MAX_LISTED_SKIPS);
    expect(dataset.skipped.first.map((entry) => entry.line)).toEqual(
      Array.from({ length: MAX_LISTED_SKIPS }, (_, index) => index + 2),
    );
    expect(dataset.skipped.first[0]?.content).toBe('x0::10::4::1');
  });

  it('keeps the later of duplicate pairs', async () => {
    const content = '1::10::2::1\n2::10::3::1\n1::10::5::2\n1::10::4::3\n';

    const dataset = await loadDataset([memoryFile('ratings.dat', content)]);

    expect(dataset.duplicates).toBe(2);
    expect(Array.from(dataset.ratings.rating)).toEqual([3, 4]);
    expect(dataset.skipped.count).toBe(0);
  });

  it('accepts a CSV without its header', async () => {
    const dataset = await loadDataset([memoryFile('ratings.csv', '1,10,4,1\n2,10,3.5,1\n')]);

    expect(dataset.format).toBe('ml-latest');
    expect(dataset.ratings.rating.length).toBe(2);
  });
});

describe('loadDataset with a movies file', () => {
  it('notes movie ids that do not match the ratings', async () => {
    const movies = '10::Heat (1995)::Action\n99::Unrated (1990)::Drama\n';

    const dataset = await loadDataset([
      memoryFile('ratings.dat', '1::10::4::1\n1::20::3::1\n'),
      memoryFile('movies.dat', movies),
    ]);

    expect(dataset.ratings.rating.length).toBe(2);
    expect(dataset.notes).toContainEqual(expect.stringContaining('1 movie ids match no rating'));
    expect(dataset.notes).toContainEqual(expect.stringContaining('(for example 99)'));
    expect(dataset.notes).toContainEqual(
      expect.stringContaining('1 rated movie ids have no entry'),
    );
    expect(dataset.notes).toContainEqual(expect.stringContaining('(for example 20)'));
  });

  it('fails on a movies file with no matching layout and names it', async () => {
    const error = await loadError([
      memoryFile('ratings.dat', '1::10::4::1\n'),
      memoryFile('movies.dat', '{"movies": []}\n'),
    ]);

    expect(error.code).toBe('invalid-format');
    expect(error.location.file).toBe('movies.dat');
    expect(error.location.line).toBe(1);
  });

  it('fails on an empty movies file', async () => {
    const error = await loadError([
      memoryFile('ratings.dat', '1::10::4::1\n'),
      memoryFile('movies.dat', ''),
    ]);

    expect(error.code).toBe('empty-file');
    expect(error.message).toContain('movies.dat');
  });
});

/** "Misérables ’97" in each encoding; 0x92 is Windows-1252's right single quotation mark. */
const TITLE = 'Misérables ’97 (1995)';

describe('readMovies text encodings', () => {
  const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const cases: [string, Uint8Array, string][] = [
    ['Latin-1', latin1('1::Misérables (1995)::Drama\n'), 'Misérables (1995)'],
    [
      'Windows-1252',
      Uint8Array.from([...latin1('1::Misérables '), 0x92, ...latin1('97 (1995)::Drama\n')]),
      TITLE,
    ],
    ['UTF-8', strToU8(`1::${TITLE}::Drama\n`), TITLE],
    [
      'UTF-8 with a byte order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...strToU8(`1::${TITLE}::Drama\n`)]),
      TITLE,
    ],
    [
      'UTF-8 CSV with a byte order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...strToU8(`movieId,title,genres\n1,"${TITLE}",Drama\n`)]),
      TITLE,
    ],
  ];

  it.each(cases)('decodes a %s title', (_, bytes, title) => {
    const file = readMovies(bytes, 'movies.dat');

    expect(file.movies.get(1)?.title).toBe(title);
    expect(file.movies.get(1)?.year).toBe(1995);
    expect(file.skipped.count).toBe(0);
  });

  it('reads a movies.csv without its header', () => {
    const file = readMovies(
      strToU8('1,Toy Story (1995),Comedy\n2,"Heat, The (1995)",Action\n'),
      'movies.csv',
    );

    expect(file.format).toBe('ml-latest');
    expect(file.movies.get(2)?.title).toBe('Heat, The (1995)');
  });

  it('rejects a PNG as a movies file', () => {
    const error = moviesError(PNG_BYTES, 'movies.dat');

    expect(error.code).toBe('invalid-format');
    expect(error.location).toMatchObject({ file: 'movies.dat', line: 1 });
  });

  it('skips movie lines with bad ids and reports them', () => {
    const file = readMovies(
      strToU8('1::A (1995)::Drama\n-2::B::Drama\n3.5::C::Drama\n'),
      'movies.dat',
    );

    expect(file.movies.size).toBe(1);
    expect(file.skipped.first.map((entry) => entry.line)).toEqual([2, 3]);
    expect(file.skipped.first[0]?.reason).toContain('got "-2"');
  });
});

describe('readRatings stream edges', () => {
  it('reads a line split at every byte', async () => {
    const bytes = strToU8('1::10::4::1\r\n2::20::3.5::1\r\n');
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));

    const file = await readRatings(chunks, 'ratings.dat');

    expect(Array.from(file.ratings.rating)).toEqual([4, 3.5]);
  });

  it('skips a line longer than 1,024 bytes', async () => {
    const long = `1::10::4::${'1'.repeat(2000)}`;

    const file = await readRatings([strToU8(`${long}\n2::10::4::1\n`)], 'ratings.dat');

    expect(file.ratings.rating.length).toBe(1);
    expect(file.skipped.first[0]?.reason).toContain('at most 1024 bytes');
  });
});
