import { describe, expect, it } from 'vitest';

import { LfmError } from '../errors';
import { parseTitleYear, readMovies } from './movies_reader';
import { hasRealFile, readRealFile, realFileTitle } from './testing/real_files';

const encoder = new TextEncoder();
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

function readError(text: string, fileName: string): LfmError {
  try {
    readMovies(encoder.encode(text), fileName);
  } catch (error) {
    if (error instanceof LfmError) return error;
    throw error;
  }
  throw new Error('expected an LfmError');
}

const U_ITEM_TOY_STORY =
  '1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0';

describe('readMovies layouts', () => {
  it('reads ML-1M movies.dat', () => {
    const file = readMovies(
      latin1(
        "1::Toy Story (1995)::Animation|Children's|Comedy\n73::Misérables, Les (1995)::Drama|War\n",
      ),
      'movies.dat',
    );

    expect(file.format).toBe('ml-1m');
    expect(file.encoding).toBe('windows-1252');
    expect(file.movies.get(1)).toEqual({
      id: 1,
      title: 'Toy Story (1995)',
      genres: ['Animation', "Children's", 'Comedy'],
      year: 1995,
    });
    expect(file.movies.get(73)?.title).toBe('Misérables, Les (1995)');
  });

  it('reads ML-100K u.item flags', () => {
    const file = readMovies(encoder.encode(`${U_ITEM_TOY_STORY}\n`), 'u.item');

    expect(file.format).toBe('ml-100k');
    expect(file.movies.get(1)).toEqual({
      id: 1,
      title: 'Toy Story (1995)',
      genres: ['Animation', "Children's", 'Comedy'],
      year: 1995,
    });
  });

  it('takes the year from a u.item release date', () => {
    const line = '9|Untitled|01-Jan-1997||url|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0';

    expect(readMovies(encoder.encode(line), 'u.item').movies.get(9)?.year).toBe(1997);
  });

  it('reads quoted ml-latest titles', () => {
    const text =
      'movieId,title,genres\r\n' +
      '11,"American President, The (1995)",Comedy|Drama|Romance\r\n' +
      '12,"Say ""Cheese"" (2001)",(no genres listed)\r\n' +
      '13,Babylon 5,Sci-Fi\r\n';

    const file = readMovies(encoder.encode(text), 'movies.csv');

    expect(file.format).toBe('ml-latest');
    expect(file.movies.get(11)).toEqual({
      id: 11,
      title: 'American President, The (1995)',
      genres: ['Comedy', 'Drama', 'Romance'],
      year: 1995,
    });
    expect(file.movies.get(12)).toEqual({
      id: 12,
      title: 'Say "Cheese" (2001)',
      genres: [],
      year: 2001,
    });
    expect(file.movies.get(13)?.year).toBeNull();
    expect(file.skipped.count).toBe(0);
  });
});

describe('readMovies bad lines', () => {
  it.each([
    [
      'a missing title',
      'movies.dat',
      '1::Toy Story (1995)::Comedy\n2::Comedy\n',
      'line must have 3 fields separated by "::", got 2',
    ],
    [
      'a text id',
      'movies.dat',
      '1::Toy Story (1995)::Comedy\nx::Heat (1995)::Action\n',
      'movie id must be an integer from 0 to 2147483647, got "x"',
    ],
    [
      'a repeated id',
      'movies.dat',
      '1::Toy Story (1995)::Comedy\n1::Heat (1995)::Action\n',
      'movie id must be unique, got 1 again (first on line 1)',
    ],
    [
      'a short u.item line',
      'u.item',
      `${U_ITEM_TOY_STORY}\n2|GoldenEye (1995)|0|1\n`,
      'line must have 24 fields separated by "|", got 4',
    ],
    [
      'a bad genre flag',
      'u.item',
      `${U_ITEM_TOY_STORY}\n${U_ITEM_TOY_STORY.replace(/^1/, '2').replace(/0$/, 'x')}\n`,
      'genre flags must be 0 or 1, got "x"',
    ],
    [
      'two CSV fields',
      'movies.csv',
      'movieId,title,genres\n1,Toy Story (1995),Comedy\n2,Heat (1995)\n',
      'line must have 3 comma-separated fields, got 2',
    ],
  ])('skips %s', (_, fileName, text, reason) => {
    const file = readMovies(encoder.encode(text), fileName);
    const lines = text.trimEnd().split('\n');

    expect(file.movies.size).toBe(1);
    expect(file.skipped.count).toBe(1);
    expect(file.skipped.first[0]?.line).toBe(lines.length);
    expect(file.skipped.first[0]?.content).toBe(lines.at(-1));
    expect(file.skipped.first[0]?.reason).toBe(reason);
  });

  it('rejects an empty file', () => {
    expect(readError('\n\n', 'movies.dat').code).toBe('empty-file');
  });

  it('rejects a ratings file', () => {
    const error = readError('1\t2\t3\t4\n', 'u.item');

    expect(error.code).toBe('invalid-format');
    expect(error.message).toContain('u.item line 1: a movies file must have lines');
  });
});

describe('parseTitleYear', () => {
  it.each([
    ['Toy Story (1995)', 1995],
    ['From Dusk Till Dawn 2 (1999) ', 1999],
    ['Babylon 5 (1993–1998)', 1993],
    ['City of Lost Children (Cité des enfants perdus) (1995)', 1995],
    ['Babylon 5', null],
    ['1984 (1956)', 1956],
  ])('reads %s', (title, year) => {
    expect(parseTitleYear(title)).toBe(year);
  });
});

const U_ITEM = 'ml-100k/u.item';
const MOVIES_CSV = 'ml-latest-small/movies.csv';
const MOVIES_DAT = 'ml-1m/movies.dat';

describe.skipIf(!hasRealFile(U_ITEM))(realFileTitle('readMovies on ML-100K u.item', U_ITEM), () => {
  it('reads 1,682 movies', () => {
    const file = readMovies(readRealFile(U_ITEM), 'u.item');

    expect(file.movies.size).toBe(1682);
    expect(file.skipped.count).toBe(0);
    expect(file.movies.get(1)?.genres).toEqual(['Animation', "Children's", 'Comedy']);
    expect([...file.movies.values()].some((movie) => movie.title.includes('\ufffd'))).toBe(false);
  });
});

describe.skipIf(!hasRealFile(MOVIES_CSV))(
  realFileTitle('readMovies on ml-latest movies.csv', MOVIES_CSV),
  () => {
    it('reads 9,742 movies', () => {
      const file = readMovies(readRealFile(MOVIES_CSV), 'movies.csv');

      expect(file.movies.size).toBe(9742);
      expect(file.skipped.count).toBe(0);
      expect(file.movies.get(11)?.title).toBe('American President, The (1995)');
    });
  },
);

describe.skipIf(!hasRealFile(MOVIES_DAT))(
  realFileTitle('readMovies on ML-1M movies.dat', MOVIES_DAT),
  () => {
    it('reads 3,883 Latin-1 movies', () => {
      const file = readMovies(readRealFile(MOVIES_DAT), 'movies.dat');

      expect(file.movies.size).toBe(3883);
      expect(file.encoding).toBe('windows-1252');
      expect(file.skipped.count).toBe(0);
      expect(file.movies.get(73)?.title).toBe('Misérables, Les (1995)');
    });
  },
);
