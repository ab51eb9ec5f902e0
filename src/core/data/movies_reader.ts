import Papa from 'papaparse';

import { LfmError } from '../errors';
import type { Movie, SkipReport } from './dataset';
import { decodeText, splitLines, type TextEncoding } from './decode_text';
import { parseRawId } from './ratings_reader';
import { displayContent, SkipRecorder } from './skip_report';

export type MoviesFileFormat = 'ml-1m' | 'ml-100k' | 'ml-latest';

/** The 19 genre flags of ML-100K u.item, in the order of u.genre. */
export const U_ITEM_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

/** ml-latest writes this instead of an empty genre list. */
const NO_GENRES = '(no genres listed)';
/** id, title, release date, video release date, IMDb URL, then the genre flags. */
const U_ITEM_FIELDS = 5 + U_ITEM_GENRES.length;
const EXPECTED_LAYOUTS =
  'a movies file must have lines "MovieID::Title::Genres" (ML-1M movies.dat), ' +
  '"id|title|release date|video release date|IMDb URL|19 genre flags" (ML-100K u.item) or ' +
  'start with the CSV header "movieId,title,genres" (ml-latest movies.csv)';

export interface MoviesFile {
  fileName: string;
  format: MoviesFileFormat;
  encoding: TextEncoding;
  /** Movies keyed by raw movie id. */
  movies: Map<number, Movie>;
  skipped: SkipReport;
}

/** A parsed line, or the reason it was skipped. */
type LineResult = Movie | string;

/**
 * Reads a movies file in any of the three MovieLens layouts, detected from the first
 * non-blank line. Malformed lines and repeated ids are skipped and reported.
 *
 * @throws LfmError `empty-file` for a file without text, `invalid-format` when the first line
 *   matches no layout or no line contains a valid movie.
 */
export function readMovies(bytes: Uint8Array, fileName: string): MoviesFile {
  const { text, encoding } = decodeText(bytes);
  const lines = splitLines(text);
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  if (firstIndex < 0) {
    throw new LfmError(
      'empty-file',
      `${fileName}: a movies file must contain movies, got an empty file. ` +
        'Choose movies.dat, u.item or movies.csv, or load the ratings alone.',
      { file: fileName },
    );
  }

  const format = detectMoviesFormat(lines[firstIndex] as string, fileName, firstIndex + 1);
  const results =
    format === 'ml-latest'
      ? parseMoviesCsv(text)
      : lines.map((line) => parseMovieLine(line, format));

  const movies = new Map<number, Movie>();
  const firstLineOfId = new Map<number, number>();
  const skips = new SkipRecorder();
  results.forEach((result, index) => {
    const lineNumber = index + 1;
    const content = lines[index] ?? '';
    if (result === null) return;
    if (typeof result === 'string') {
      skips.add(lineNumber, result, content);
      return;
    }
    const earlier = firstLineOfId.get(result.id);
    if (earlier !== undefined) {
      skips.add(
        lineNumber,
        `movie id must be unique, got ${result.id} again (first on line ${earlier})`,
        content,
      );
      return;
    }
    firstLineOfId.set(result.id, lineNumber);
    movies.set(result.id, result);
  });

  if (movies.size === 0) {
    const first = skips.report().first[0];
    throw new LfmError(
      'invalid-format',
      `${fileName}: ${EXPECTED_LAYOUTS}, got no valid movie` +
        (first ? `; line ${first.line} "${first.content}" was skipped: ${first.reason}` : '') +
        '. Check that this is a MovieLens movies file.',
      { file: fileName, line: first?.line ?? 1, value: first?.content ?? '' },
    );
  }
  return { fileName, format, encoding, movies, skipped: skips.report() };
}

/**
 * Returns the year in a title such as "Toy Story (1995)" or "Babylon 5 (1993–1998)", or
 * null when the title does not end with one.
 */
export function parseTitleYear(title: string): number | null {
  const match = /\((\d{4})(?:[-–]\d{0,4})?\)\s*$/.exec(title);
  return match ? Number(match[1]) : null;
}

function detectMoviesFormat(line: string, fileName: string, lineNumber: number): MoviesFileFormat {
  if (line.includes('::')) return 'ml-1m';
  if (/^\s*"?movieid"?\s*,\s*"?title"?/i.test(line)) return 'ml-latest';
  if (line.split('|').length >= U_ITEM_FIELDS) return 'ml-100k';
  // A movies.csv saved without its header starts with an id and a comma.
  if (/^\s*"?\d+"?\s*,/.test(line)) return 'ml-latest';

  throw new LfmError(
    'invalid-format',
    `${fileName} line ${lineNumber}: ${EXPECTED_LAYOUTS}, got "${displayContent(line)}". ` +
      'Choose a MovieLens movies file, or load the ratings alone.',
    { file: fileName, line: lineNumber, value: displayContent(line) },
  );
}

/** Parses a `::` or `|` line; returns null for a blank line. */
function parseMovieLine(line: string, format: 'ml-1m' | 'ml-100k'): LineResult | null {
  if (line.trim() === '') return null;
  return format === 'ml-1m' ? parseMoviesDatLine(line) : parseUItemLine(line);
}

function parseMoviesDatLine(line: string): LineResult {
  // Titles never contain "::", so the first and last separators delimit the title.
  const first = line.indexOf('::');
  const last = line.lastIndexOf('::');
  if (first < 0 || first === last) {
    return `line must have 3 fields separated by "::", got ${line.split('::').length}`;
  }

  const id = parseRawId(line.slice(0, first));
  if (id === null) return idReason(line.slice(0, first));
  const title = line.slice(first + 2, last).trim();
  return { id, title, genres: splitGenres(line.slice(last + 2)), year: parseTitleYear(title) };
}

function parseUItemLine(line: string): LineResult {
  const fields = line.split('|');
  if (fields.length < U_ITEM_FIELDS) {
    return `line must have ${U_ITEM_FIELDS} fields separated by "|", got ${fields.length}`;
  }

  const id = parseRawId(fields[0] as string);
  if (id === null) return idReason(fields[0] as string);
  // A title containing "|" would add fields; everything between id and release date is title.
  const flagStart = fields.length - U_ITEM_GENRES.length;
  const title = fields
    .slice(1, flagStart - 3)
    .join('|')
    .trim();
  const releaseDate = fields[flagStart - 3] as string;
  const flags = fields.slice(flagStart).map((flag) => flag.trim());
  const badFlag = flags.find((flag) => flag !== '0' && flag !== '1');
  if (badFlag !== undefined) return `genre flags must be 0 or 1, got "${displayContent(badFlag)}"`;

  const genres = U_ITEM_GENRES.filter((_, index) => flags[index] === '1');
  const year = parseTitleYear(title) ?? parseReleaseYear(releaseDate);
  return { id, title, genres, year };
}

/** Parses ml-latest movies.csv with RFC 4180 quoting; index i of the result is line i + 1. */
function parseMoviesCsv(text: string): Array<LineResult | null> {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  // NOTE: papaparse returns records, not lines. Record i sits on line i + 1 unless an earlier
  // quoted title spans lines, which no ml-latest release does, so reported numbers may then
  // drift by the number of embedded line breaks.
  return parsed.data.map((row): LineResult | null => {
    if ((row[0] ?? '').trim().toLowerCase() === 'movieid') return null;
    if (row.length === 1 && (row[0] ?? '').trim() === '') return null;
    if (row.length !== 3) return `line must have 3 comma-separated fields, got ${row.length}`;

    const [rawId, rawTitle, rawGenres] = row as [string, string, string];
    const id = parseRawId(rawId);
    if (id === null) return idReason(rawId);
    const title = rawTitle.trim();
    return { id, title, genres: splitGenres(rawGenres), year: parseTitleYear(title) };
  });
}

function splitGenres(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === NO_GENRES) return [];
  return trimmed
    .split('|')
    .map((genre) => genre.trim())
    .filter((genre) => genre !== '');
}

/** Year of a u.item release date such as "01-Jan-1995". */
function parseReleaseYear(date: string): number | null {
  const match = /(\d{4})\s*$/.exec(date);
  return match ? Number(match[1]) : null;
}

function idReason(text: string): string {
  return `movie id must be an integer from 0 to 2147483647, got "${displayContent(text.trim())}"`;
}
