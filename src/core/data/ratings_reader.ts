import { LfmError } from '../errors';
import type { RatingScale, RatingTriples, SkipReport } from './dataset';
import { decodeText } from './decode_text';
import { IdMap } from './id_map';
import { displayContent, SkipRecorder } from './skip_report';

/** Ratings layouts read from files; `synthetic` data never passes through the reader. */
export type RatingsFileFormat = 'ml-1m' | 'ml-100k' | 'ml-latest';

/**
 * One ratings layout. Ratings must be multiples of 0.5 within [minRating, MAX_RATING]: ML-1M
 * and ML-100K use whole stars 1-5, ML-10M and ml-latest half stars 0.5-5. ML-100K never had
 * a 0.5 option, so a 0.5 in u.data points at a broken file rather than a half star.
 */
export interface RatingsLayout {
  format: RatingsFileFormat;
  separator: string;
  /** First byte of the separator; `::` is checked as two bytes. */
  separatorByte: number;
  separatorWidth: 1 | 2;
  minRating: number;
  /** Line pattern shown in messages. */
  pattern: string;
}

const LAYOUTS: Record<RatingsFileFormat, RatingsLayout> = {
  'ml-1m': {
    format: 'ml-1m',
    separator: '::',
    separatorByte: 0x3a,
    separatorWidth: 2,
    minRating: 0.5,
    pattern: 'UserID::MovieID::Rating::Timestamp',
  },
  'ml-100k': {
    format: 'ml-100k',
    separator: '\t',
    separatorByte: 0x09,
    separatorWidth: 1,
    minRating: 1,
    pattern: 'user<TAB>item<TAB>rating<TAB>timestamp',
  },
  'ml-latest': {
    format: 'ml-latest',
    separator: ',',
    separatorByte: 0x2c,
    separatorWidth: 1,
    minRating: 0.5,
    pattern: 'userId,movieId,rating,timestamp',
  },
};

export const MAX_RATING = 5;
/** Ids must fit a signed 32-bit integer, the type the index maps and tensors use. */
export const MAX_RAW_ID = 2 ** 31 - 1;
/** Longer lines are skipped unparsed; the longest valid ML line is about 40 bytes. */
export const MAX_LINE_BYTES = 1024;

const CSV_HEADER = ['userid', 'movieid', 'rating', 'timestamp'];
const EXPECTED_LAYOUTS =
  'a ratings file must have lines "UserID::MovieID::Rating::Timestamp" (ML-1M, ML-10M), ' +
  '"user<TAB>item<TAB>rating<TAB>timestamp" (ML-100K u.data) or start with the CSV header ' +
  '"userId,movieId,rating,timestamp" (ml-latest ratings.csv)';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const INITIAL_CAPACITY = 1 << 16;
/** A rough lower bound of bytes per rating line, used to size the arrays from a file size. */
const MIN_BYTES_PER_LINE = 12;
/**
 * Maximum ratings allocated before the first `PROJECTION_BYTES` are read. After them, the
 * columns are sized for the whole file from the bytes per rating seen so far. A large file is
 * then neither over-allocated from the rough lower bound nor copied at each doubling.
 */
const MAX_INITIAL_CAPACITY = 1 << 20;
const PROJECTION_BYTES = 1 << 20;
/** Factor on a projected size, as room for lines shorter than those read so far. */
const PROJECTION_MARGIN = 1.02;
/**
 * Maximum share of unused room for which `finish` returns views of the columns. With more
 * room it copies them to their exact length. Copying a large file's columns would briefly
 * double their memory.
 */
const MAX_UNUSED_SHARE = 1 / 16;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface RatingsReaderOptions {
  /** Index maps to extend, so that separate train and test files share dense indices. */
  users?: IdMap;
  items?: IdMap;
  /** File size in bytes when known; it sizes the arrays up front. */
  sizeHint?: number;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Ratings and counts read from one ratings file. */
export interface RatingsFile {
  fileName: string;
  format: RatingsFileFormat;
  ratings: RatingTriples;
  users: IdMap;
  items: IdMap;
  scale: RatingScale;
  /** Repeated (user, item) pairs within this file; the later rating was kept. */
  duplicates: number;
  skipped: SkipReport;
  /** Physical lines, counting the header and blank lines. */
  lines: number;
  bytes: number;
}

/**
 * Streaming reader for MovieLens ratings files. Feed it byte chunks of any size with `push`
 * (lines may be split across chunks), then call `finish` once. The layout is detected from
 * the first non-blank line; each later line is parsed from the bytes without building
 * strings. Malformed lines are skipped and reported, not fatal.
 */
export class RatingsReader {
  readonly users: IdMap;
  readonly items: IdMap;
  private readonly onProgress: ((bytesRead: number) => void) | undefined;
  private readonly skips = new SkipRecorder();
  private layout: RatingsLayout | null = null;
  private finished = false;
  private bytesRead = 0;
  private lineNumber = 0;

  // Partial line left at the end of a chunk. It keeps at most MAX_LINE_BYTES + 1 bytes, which
  // is enough to know that a line is too long.
  private carry = new Uint8Array(256);
  private carryLength = 0;
  private lineOpen = false;
  /** Bytes of the open line, including those beyond the carry's capacity. */
  private openLineBytes = 0;

  // Growable columns; `count` entries are in use.
  private userColumn: Int32Array;
  private itemColumn: Int32Array;
  private ratingColumn: Float32Array;
  private count = 0;
  private readonly sizeHint: number;
  private isProjected = false;
  // Lines of a MovieLens file are grouped by user, so most lines repeat the previous user.
  private previousRawUser = -1;
  private previousUserIndex = -1;

  // Fields of the line being parsed, written by the field readers.
  private fieldValue = 0;
  private lineUser = 0;
  private lineItem = 0;
  private lineRating = 0;

  constructor(
    readonly fileName: string,
    options: RatingsReaderOptions = {},
  ) {
    this.users = options.users ?? new IdMap();
    this.items = options.items ?? new IdMap();
    this.onProgress = options.onProgress;

    this.sizeHint = options.sizeHint ?? 0;
    const estimate = Math.ceil(this.sizeHint / MIN_BYTES_PER_LINE);
    const capacity = Math.max(INITIAL_CAPACITY, Math.min(estimate, MAX_INITIAL_CAPACITY));
    this.userColumn = new Int32Array(capacity);
    this.itemColumn = new Int32Array(capacity);
    this.ratingColumn = new Float32Array(capacity);
  }

  get format(): RatingsFileFormat | null {
    return this.layout?.format ?? null;
  }

  get ratingCount(): number {
    return this.count;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error(`${this.fileName}: push called after finish.`);
    this.bytesRead += chunk.length;
    let start = 0;

    if (this.lineOpen) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.openLineBytes += chunk.length;
        this.appendCarry(chunk, 0, chunk.length);
        this.onProgress?.(this.bytesRead);
        return;
      }
      this.appendCarry(chunk, 0, newline);
      this.readLine(this.carry, 0, this.carryLength, this.openLineBytes + newline);
      this.carryLength = 0;
      this.openLineBytes = 0;
      this.lineOpen = false;
      start = newline + 1;
    }

    let newline = chunk.indexOf(NEWLINE, start);
    while (newline >= 0) {
      this.readLine(chunk, start, newline, newline - start);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.lineOpen = true;
      this.openLineBytes = chunk.length - start;
      this.appendCarry(chunk, start, chunk.length);
    }

    if (!this.isProjected && this.bytesRead >= PROJECTION_BYTES) this.projectCapacity();
    this.onProgress?.(this.bytesRead);
  }

  /**
   * Reads the last line, removes the earlier rating of each repeated (user, item) pair and
   * returns the ratings.
   *
   * @throws LfmError `empty-file` when the file has no non-blank line, `invalid-format` when
   *   the first line matches no layout, `no-ratings` when no line contains a valid rating.
   */
  finish(): RatingsFile {
    if (this.finished) throw new Error(`${this.fileName}: finish called twice.`);
    if (this.lineOpen) this.readLine(this.carry, 0, this.carryLength, this.openLineBytes);
    this.finished = true;

    if (this.layout === null) {
      throw new LfmError(
        'empty-file',
        `${this.fileName}: a ratings file must contain ratings, got ${
          this.bytesRead === 0 ? 'an empty file' : 'only blank lines'
        }. Choose the MovieLens ratings file (ratings.dat, u.data or ratings.csv).`,
        { file: this.fileName },
      );
    }
    if (this.count === 0) throw this.noRatingsError(this.layout);

    const duplicates = this.removeEarlierDuplicates();
    const isTight =
      this.userColumn.length - this.count <= this.userColumn.length * MAX_UNUSED_SHARE;
    const ratings: RatingTriples = isTight
      ? {
          user: this.userColumn.subarray(0, this.count),
          item: this.itemColumn.subarray(0, this.count),
          rating: this.ratingColumn.subarray(0, this.count),
        }
      : {
          user: this.userColumn.slice(0, this.count),
          item: this.itemColumn.slice(0, this.count),
          rating: this.ratingColumn.slice(0, this.count),
        };
    return {
      fileName: this.fileName,
      format: this.layout.format,
      ratings,
      users: this.users,
      items: this.items,
      scale: detectScale(ratings.rating),
      duplicates,
      skipped: this.skips.report(),
      lines: this.lineNumber,
      bytes: this.bytesRead,
    };
  }

  private appendCarry(bytes: Uint8Array, start: number, end: number): void {
    const room = MAX_LINE_BYTES + 1 - this.carryLength;
    const length = Math.min(end - start, room);
    if (length <= 0) return;

    if (this.carryLength + length > this.carry.length) {
      const grown = new Uint8Array(MAX_LINE_BYTES + 1);
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes.subarray(start, start + length), this.carryLength);
    this.carryLength += length;
  }

  /**
   * Reads the line `bytes[start, end)`, which excludes the line feed. `length` is the line's
   * full length in bytes, larger than `end - start` when the carry cut an overlong line.
   */
  private readLine(bytes: Uint8Array, start: number, end: number, length: number): void {
    this.lineNumber++;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    if (this.lineNumber === 1 && hasByteOrderMark(bytes, start, end)) start += 3;
    if (isBlank(bytes, start, end)) return;

    let layout = this.layout;
    if (layout === null) {
      layout = detectLayout(bytes, start, end, this.fileName, this.lineNumber);
      this.layout = layout;
      if (layout.format === 'ml-latest' && isCsvHeader(bytes, start, end)) return;
    }

    const tooLong = length > MAX_LINE_BYTES;
    if (!tooLong && this.parseRating(layout, bytes, start, end)) {
      this.appendRating();
    } else if (this.skips.wantsDetails) {
      const text = decodeText(bytes.subarray(start, Math.min(end, start + MAX_LINE_BYTES))).text;
      const reason = tooLong
        ? `line must be at most ${MAX_LINE_BYTES} bytes long, got ${length} bytes`
        : describeBadLine(text, layout);
      this.skips.add(this.lineNumber, reason, text);
    } else {
      this.skips.addCounted();
    }
  }

  /** Parses one non-blank line into `lineUser`, `lineItem` and `lineRating`. */
  private parseRating(
    layout: RatingsLayout,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): boolean {
    let position = this.readId(bytes, start, end);
    if (position < 0) return false;
    this.lineUser = this.fieldValue;
    position = this.skipSeparator(layout, bytes, position, end);
    if (position < 0) return false;

    position = this.readId(bytes, position, end);
    if (position < 0) return false;
    this.lineItem = this.fieldValue;
    position = this.skipSeparator(layout, bytes, position, end);
    if (position < 0) return false;

    position = this.readRating(layout, bytes, position, end);
    if (position < 0) return false;
    const rating = this.fieldValue;
    this.lineRating = rating;
    if (!(rating >= layout.minRating && rating <= MAX_RATING) || (rating * 2) % 1 !== 0) {
      return false;
    }
    position = this.skipSeparator(layout, bytes, position, end);
    if (position < 0) return false;

    // The timestamp is not used, but it must be there and be the last field.
    position = this.readId(bytes, position, end);
    return position === end;
  }

  /**
   * Reads a non-negative integer (spaces around it allowed) into `fieldValue`. Returns the
   * position after it, or -1 when the field is not an integer from 0 to MAX_RAW_ID.
   */
  private readId(bytes: Uint8Array, start: number, end: number): number {
    let position = skipSpaces(bytes, start, end);
    const digitsStart = position;
    let value = 0;
    while (position < end) {
      const digit = (bytes[position] as number) - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      position++;
    }
    if (position === digitsStart || value > MAX_RAW_ID) return -1;

    this.fieldValue = value;
    return skipSpaces(bytes, position, end);
  }

  /**
   * Reads a decimal rating into `fieldValue`. Plain `4`, `4.0` and `3.5` take the fast path;
   * anything else (an exponent, a sign, many digits) goes through `Number`. Returns the
   * position after the field, or -1 when it is not a finite number.
   */
  private readRating(layout: RatingsLayout, bytes: Uint8Array, start: number, end: number): number {
    let position = skipSpaces(bytes, start, end);
    const fieldStart = position;
    let mantissa = 0;
    let digits = 0;
    let fractionDigits = -1;
    while (position < end) {
      const byte = bytes[position] as number;
      const digit = byte - DIGIT_0;
      if (digit >= 0 && digit <= 9) {
        mantissa = mantissa * 10 + digit;
        digits++;
        if (fractionDigits >= 0) fractionDigits++;
      } else if (byte === DOT && fractionDigits < 0) {
        fractionDigits = 0;
      } else {
        break;
      }
      position++;
    }

    const fieldEnd = skipSpaces(bytes, position, end);
    const simple =
      digits > 0 &&
      digits < POWERS_OF_TEN.length &&
      (fieldEnd === end || bytes[fieldEnd] === layout.separatorByte);
    if (simple) {
      // One division of exact integers is correctly rounded, so this equals Number(text).
      this.fieldValue =
        fractionDigits > 0 ? mantissa / (POWERS_OF_TEN[fractionDigits] as number) : mantissa;
      return fieldEnd;
    }
    return this.readRatingSlowly(layout, bytes, fieldStart, end);
  }

  private readRatingSlowly(
    layout: RatingsLayout,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): number {
    let fieldEnd = bytes.indexOf(layout.separatorByte, start);
    if (fieldEnd < 0 || fieldEnd > end) fieldEnd = end;
    const value = parseDecimal(decodeText(bytes.subarray(start, fieldEnd)).text);
    if (value === null) return -1;

    this.fieldValue = value;
    return fieldEnd;
  }

  /** Returns the position after the separator at `position`, or -1 when there is none. */
  private skipSeparator(
    layout: RatingsLayout,
    bytes: Uint8Array,
    position: number,
    end: number,
  ): number {
    if (position + layout.separatorWidth > end) return -1;
    if (bytes[position] !== layout.separatorByte) return -1;
    if (layout.separatorWidth === 2 && bytes[position + 1] !== layout.separatorByte) return -1;
    return position + layout.separatorWidth;
  }

  private appendRating(): void {
    if (this.count === this.userColumn.length) this.grow();
    if (this.lineUser !== this.previousRawUser) {
      this.previousRawUser = this.lineUser;
      this.previousUserIndex = this.users.add(this.lineUser);
    }
    this.userColumn[this.count] = this.previousUserIndex;
    this.itemColumn[this.count] = this.items.add(this.lineItem);
    this.ratingColumn[this.count] = this.lineRating;
    this.count++;
  }

  private grow(): void {
    this.resize(this.userColumn.length * 2);
  }

  /**
   * Sizes the columns for the whole file from the ratings per byte read so far, once. A file
   * whose size is unknown, or whose projection is below the current capacity, keeps doubling.
   */
  private projectCapacity(): void {
    this.isProjected = true;
    if (this.sizeHint <= this.bytesRead || this.count === 0) return;
    const projected = Math.ceil((this.count / this.bytesRead) * this.sizeHint * PROJECTION_MARGIN);
    if (projected > this.userColumn.length) this.resize(projected);
  }

  private resize(capacity: number): void {
    const user = new Int32Array(capacity);
    const item = new Int32Array(capacity);
    const rating = new Float32Array(capacity);
    user.set(this.userColumn);
    item.set(this.itemColumn);
    rating.set(this.ratingColumn);
    this.userColumn = user;
    this.itemColumn = item;
    this.ratingColumn = rating;
  }

  /**
   * Keeps the last rating of each (user, item) pair and compacts the columns in file order.
   * Groups rating positions by user with a counting sort, then marks repeats with a per-item
   * stamp, which is linear in ratings + users + items. Returns the number removed.
   */
  private removeEarlierDuplicates(): number {
    const count = this.count;
    const userCount = this.users.size;
    const offsets = new Int32Array(userCount + 1);
    for (let index = 0; index < count; index++) offsets[(this.userColumn[index] as number) + 1]++;
    for (let user = 0; user < userCount; user++) {
      offsets[user + 1] = (offsets[user + 1] as number) + (offsets[user] as number);
    }
    const byUser = new Int32Array(count);
    const cursor = offsets.slice(0, userCount);
    for (let index = 0; index < count; index++) {
      const user = this.userColumn[index] as number;
      byUser[cursor[user] as number] = index;
      cursor[user]++;
    }

    const stampUser = new Int32Array(this.items.size).fill(-1);
    const lastPosition = new Int32Array(this.items.size);
    const removed = new Uint8Array(count);
    let duplicates = 0;
    for (let user = 0; user < userCount; user++) {
      for (let slot = offsets[user] as number; slot < (offsets[user + 1] as number); slot++) {
        const index = byUser[slot] as number;
        const item = this.itemColumn[index] as number;
        if (stampUser[item] === user) {
          removed[lastPosition[item] as number] = 1;
          duplicates++;
        }
        stampUser[item] = user;
        lastPosition[item] = index;
      }
    }
    if (duplicates === 0) return 0;

    let kept = 0;
    for (let index = 0; index < count; index++) {
      if (removed[index]) continue;
      this.userColumn[kept] = this.userColumn[index] as number;
      this.itemColumn[kept] = this.itemColumn[index] as number;
      this.ratingColumn[kept] = this.ratingColumn[index] as number;
      kept++;
    }
    this.count = kept;
    return duplicates;
  }

  private noRatingsError(layout: RatingsLayout): LfmError {
    const first = this.skips.report().first[0];
    const example = first
      ? ` Line ${first.line} "${first.content}" was skipped: ${first.reason}.`
      : '';
    return new LfmError(
      'no-ratings',
      `${this.fileName}: a ratings file must contain at least one valid rating in the layout ` +
        `"${layout.pattern}", got none in ${this.lineNumber} lines.${example} ` +
        'Check that this is a MovieLens ratings file, not a movies, users or tags file.',
      { file: this.fileName, line: first?.line ?? 1, value: first?.content ?? '' },
    );
  }
}

/**
 * Reads a whole ratings file from chunks, for example a browser `File.stream()` or a Node
 * `fs.createReadStream`.
 */
export async function readRatings(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  fileName: string,
  options: RatingsReaderOptions = {},
): Promise<RatingsFile> {
  const reader = new RatingsReader(fileName, options);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.finish();
}

/** Detects min, max and step (0.5 when any half star is present, else 1). */
export function detectScale(ratings: Float32Array): RatingScale {
  let min = Infinity;
  let max = -Infinity;
  let halfStars = false;
  for (let index = 0; index < ratings.length; index++) {
    const rating = ratings[index] as number;
    if (rating < min) min = rating;
    if (rating > max) max = rating;
    // Math.floor instead of `rating % 1`, which was about ten times slower in Node 20.
    if (Math.floor(rating) !== rating) halfStars = true;
  }
  return { min, max, step: halfStars ? 0.5 : 1 };
}

/**
 * Explains why a line was skipped. It re-checks the line as text, field by field, in the
 * same order and by the same rules as the byte parser.
 */
export function describeBadLine(text: string, layout: RatingsLayout): string {
  const fields = text.split(layout.separator).map(trimSpaces);
  const separatorName = layout.separator === '\t' ? 'tabs' : `"${layout.separator}"`;
  if (fields.length !== 4) {
    return `line must have 4 fields separated by ${separatorName}, got ${fields.length}`;
  }

  const [user, item, rating, timestamp] = fields as [string, string, string, string];
  const idRule = `must be an integer from 0 to ${MAX_RAW_ID}`;
  if (!isRawId(user)) return `user id ${idRule}, got "${displayContent(user)}"`;
  if (!isRawId(item)) return `movie id ${idRule}, got "${displayContent(item)}"`;
  const value = parseDecimal(rating);
  if (value === null || value < layout.minRating || value > MAX_RATING || (value * 2) % 1 !== 0) {
    return (
      `rating must be a number from ${layout.minRating} to ${MAX_RATING} in steps of 0.5, ` +
      `got "${displayContent(rating)}"`
    );
  }
  if (!isRawId(timestamp)) {
    return `timestamp must be an integer from 0 to ${MAX_RAW_ID}, got "${displayContent(timestamp)}"`;
  }
  return 'line could not be read as a rating';
}

/** Returns the layout of a ratings format, for callers that describe lines outside the reader. */
export function ratingsLayout(format: RatingsFileFormat): RatingsLayout {
  return LAYOUTS[format];
}

function isRawId(text: string): boolean {
  return parseRawId(text) !== null;
}

/** Parses a raw id (digits only, spaces around allowed) or returns null. */
export function parseRawId(text: string): number | null {
  const trimmed = trimSpaces(text);
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= MAX_RAW_ID ? value : null;
}

/** Trims ASCII spaces only, as the byte parser does; a tab inside a field stays invalid. */
function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

function parseDecimal(text: string): number | null {
  const trimmed = trimSpaces(text);
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function detectLayout(
  bytes: Uint8Array,
  start: number,
  end: number,
  fileName: string,
  lineNumber: number,
): RatingsLayout {
  let hasColons = false;
  let hasTab = false;
  let hasComma = false;
  let hasControl = false;
  for (let position = start; position < end; position++) {
    const byte = bytes[position] as number;
    if (byte === 0x3a && bytes[position + 1] === 0x3a && position + 1 < end) hasColons = true;
    else if (byte === TAB) hasTab = true;
    else if (byte === 0x2c) hasComma = true;
    else if (byte < 0x20 || byte === 0x7f) hasControl = true;
  }

  if (!hasControl) {
    if (hasColons) return LAYOUTS['ml-1m'];
    if (hasTab) return LAYOUTS['ml-100k'];
    if (hasComma && (startsWithNumber(bytes, start, end) || isCsvHeader(bytes, start, end))) {
      return LAYOUTS['ml-latest'];
    }
  }

  const decoded = decodeText(bytes.subarray(start, Math.min(end, start + MAX_LINE_BYTES)));
  const text = decoded.text;
  // A line that matched no layout and contains control bytes or invalid UTF-8 points at a
  // binary file such as an image. A text ratings file with them would have matched a layout.
  const binary = hasControl || decoded.encoding !== 'utf-8';
  throw new LfmError(
    'invalid-format',
    `${fileName} line ${lineNumber}: ${EXPECTED_LAYOUTS}, got "${displayContent(text)}". ` +
      formatHint(text, binary),
    { file: fileName, line: lineNumber, value: displayContent(text) },
  );
}

function formatHint(text: string, binary: boolean): string {
  const lower = text.toLowerCase();
  if (binary) return 'This looks like a binary file; choose the ratings text file.';
  if (/^\s*[[{]/.test(text)) return 'JSON is not supported; choose a MovieLens ratings file.';
  if (lower.includes('title'))
    return 'This looks like a movies file; add it next to a ratings file.';
  if (lower.includes('tag'))
    return 'This looks like a tags file, which is not used; choose ratings.csv.';
  if (lower.includes('imdbid'))
    return 'This looks like a links file, which is not used; choose ratings.csv.';
  return 'Choose a MovieLens ratings file (ratings.dat, u.data or ratings.csv).';
}

function isCsvHeader(bytes: Uint8Array, start: number, end: number): boolean {
  const names = decodeText(bytes.subarray(start, end))
    .text.split(',')
    .map((name) => name.trim().toLowerCase().replace(/^"|"$/g, ''));
  return (
    names.length === CSV_HEADER.length && names.every((name, index) => name === CSV_HEADER[index])
  );
}

/**
 * True when the line starts with a digit, after spaces and an optional sign. A signed first
 * id such as "-1" still selects the CSV layout, so that line is skipped as a bad id instead
 * of failing the whole file.
 */
function startsWithNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let position = skipSpaces(bytes, start, end);
  if (bytes[position] === 0x2d || bytes[position] === 0x2b) position++;
  const digit = (bytes[position] as number) - DIGIT_0;
  return position < end && digit >= 0 && digit <= 9;
}

function skipSpaces(bytes: Uint8Array, start: number, end: number): number {
  let position = start;
  while (position < end && bytes[position] === SPACE) position++;
  return position;
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let position = start; position < end; position++) {
    const byte = bytes[position];
    if (byte !== SPACE && byte !== TAB && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}

function hasByteOrderMark(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start >= 3 &&
    bytes[start] === 0xef &&
    bytes[start + 1] === 0xbb &&
    bytes[start + 2] === 0xbf
  );
}
