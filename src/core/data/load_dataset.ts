import { LfmError } from '../errors';
import {
  type Dataset,
  MAX_LISTED_SKIPS,
  type Movie,
  type RatingScale,
  type RatingTriples,
  type SkipReport,
  type UserProfile,
} from './dataset';
import { concatChunks } from './decode_text';
import { classifyFile, type FileKind, SNIFF_BYTES } from './file_kind';
import { IdMap } from './id_map';
import { readMovies } from './movies_reader';
import { type RatingsFile, readRatings } from './ratings_reader';
import { describeSkips } from './skip_report';
import { countUnknown, type RatingSplit } from './split';
import { readUsers } from './users_reader';
import { unpackZip, type ZipEntry } from './zip';

/** A file to read: a browser `File`, a Node file or bytes in memory, seen as a stream. */
export interface InputFile {
  name: string;
  /** Size in bytes, for progress and to size the arrays up front. */
  size: number;
  /** Opens a fresh stream of the file's bytes. */
  chunks: () => AsyncIterable<Uint8Array>;
}

/** Bytes read so far of the file being read. */
export interface LoadProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

export type ProgressCallback = (progress: LoadProgress) => void;

/** A user-given split: the parts come from separate files and share the id maps. */
export interface PresetSplit {
  /** All parts together (train, then validation, then test), for summaries. */
  dataset: Dataset;
  split: RatingSplit;
  /** False when no validation file was given; `split.validation` is then empty. */
  hasValidation: boolean;
}

export interface PresetSplitFiles {
  train: InputFile;
  test: InputFile;
  validation?: InputFile;
  movies?: InputFile;
  users?: InputFile;
}

/** A file whose kind is known, ready to be read. */
interface Source {
  name: string;
  size: number;
  kind: FileKind;
  chunks: AsyncIterable<Uint8Array>;
}

/** Chunk size for files unpacked from a zip, so that progress moves while they are read. */
const ZIP_ENTRY_CHUNK_BYTES = 1 << 20;
const RATINGS_NAMES = 'ratings.dat, u.data or ratings.csv';

/**
 * Loads a data set from one zip or from plain files: exactly one ratings file plus at most one
 * movies and one users file. Other files (links.csv, README, ...) are ignored with a note.
 * Metadata that does not match the ratings is noted, not fatal.
 *
 * @throws LfmError `no-ratings` without a ratings file, `invalid-format` with two files of a
 *   kind, and the readers' errors (`empty-file`, `invalid-format`, `no-ratings`, `invalid-zip`).
 */
export async function loadDataset(
  files: InputFile[],
  onProgress?: ProgressCallback,
): Promise<Dataset> {
  const notes: string[] = [];
  const sources = await openSources(files, notes, onProgress);
  const ratingsSource = pickRatings(sources, files);
  const moviesSource = pickOptional(sources, 'movies');
  const usersSource = pickOptional(sources, 'users');

  const ratings = await readRatings(ratingsSource.chunks, ratingsSource.name, {
    sizeHint: ratingsSource.size,
    onProgress: progressReporter(onProgress, ratingsSource),
  });
  const metadata = await readMetadata(moviesSource, usersSource, ratings, notes, onProgress);
  const kept = ratings.ratings.rating.length;
  if (ratings.skipped.count > kept) {
    notes.push(
      `${ratingsSource.name}: most lines were skipped (${ratings.skipped.count} skipped, ` +
        `${kept} read). Check that this is a MovieLens ratings file in a supported layout.`,
    );
  }

  const used = [ratingsSource, moviesSource, usersSource].filter((source) => source !== null);
  return {
    name: ratingsSource.name,
    format: ratings.format,
    ratings: ratings.ratings,
    users: ratings.users,
    items: ratings.items,
    scale: ratings.scale,
    duplicates: ratings.duplicates,
    skipped: ratings.skipped,
    movies: metadata.movies,
    userProfiles: metadata.userProfiles,
    notes,
    files: used.map((source) => source.name),
  };
}

/**
 * Loads a user-given split such as ML-100K u1.base and u1.test (plus an optional validation
 * file), reading every part with the same id maps so that indices agree across parts.
 * Skipped lines of all parts are merged into `dataset.skipped`, each reason starting with
 * its file name.
 */
export async function loadPresetSplit(
  files: PresetSplitFiles,
  onProgress?: ProgressCallback,
): Promise<PresetSplit> {
  const users = new IdMap();
  const items = new IdMap();
  const readPart = (file: InputFile): Promise<RatingsFile> => {
    return readRatings(file.chunks(), file.name, {
      users,
      items,
      sizeHint: file.size,
      onProgress: progressReporter(onProgress, file),
    });
  };

  const train = await readPart(files.train);
  const validation = files.validation ? await readPart(files.validation) : null;
  const test = await readPart(files.test);
  const parts = [train, validation, test].filter((part) => part !== null);
  const validationRatings = validation?.ratings ?? emptyTriples();

  const notes: string[] = [];
  const toSource = (file: InputFile | undefined, kind: FileKind): Source | null => {
    if (file === undefined) return null;
    return { name: file.name, size: file.size, kind, chunks: file.chunks() };
  };
  const metadata = await readMetadata(
    toSource(files.movies, 'movies'),
    toSource(files.users, 'users'),
    { users, items },
    notes,
    onProgress,
  );

  const dataset: Dataset = {
    name: parts.map((part) => part.fileName).join(' + '),
    format: train.format,
    ratings: concatTriples(parts.map((part) => part.ratings)),
    users,
    items,
    scale: mergeScales(parts.map((part) => part.scale)),
    duplicates: parts.reduce((sum, part) => sum + part.duplicates, 0),
    skipped: mergeSkips(parts),
    movies: metadata.movies,
    userProfiles: metadata.userProfiles,
    notes,
    files: [...parts.map((part) => part.fileName), ...metadata.files],
  };
  const split: RatingSplit = {
    train: train.ratings,
    validation: validationRatings,
    test: test.ratings,
    unknown: {
      validation: countUnknown(train.ratings, validationRatings),
      test: countUnknown(train.ratings, test.ratings),
    },
  };
  return { dataset, split, hasValidation: validation !== null };
}

/** Sniffs each file's kind; unpacks zips into their ratings, movies and users entries. */
async function openSources(
  files: InputFile[],
  notes: string[],
  onProgress: ProgressCallback | undefined,
): Promise<Source[]> {
  const sources: Source[] = [];
  for (const file of files) {
    const { head, chunks } = await peek(file.chunks(), SNIFF_BYTES);
    const kind = classifyFile(file.name, head);
    if (kind === 'other') {
      notes.push(`${file.name}: not a MovieLens ratings, movies or users file; ignored.`);
    } else if (kind === 'zip') {
      const bytes = await readAll({ ...file, kind, chunks }, onProgress);
      const unpacked = unpackZip(bytes, file.name);
      const entries: Array<[ZipEntry | null, FileKind]> = [
        [unpacked.ratings, 'ratings'],
        [unpacked.movies, 'movies'],
        [unpacked.users, 'users'],
      ];
      for (const [entry, entryKind] of entries) {
        if (entry === null) continue;
        sources.push({
          name: `${file.name}/${entry.path}`,
          size: entry.bytes.length,
          kind: entryKind,
          chunks: sliceChunks(entry.bytes, ZIP_ENTRY_CHUNK_BYTES),
        });
      }
      if (unpacked.ignored.length > 0) {
        notes.push(
          `${file.name}: ${unpacked.ignored.length} other files not used ` +
            `(${unpacked.ignored.slice(0, 8).join(', ')}${unpacked.ignored.length > 8 ? ', ...' : ''}).`,
        );
      }
    } else {
      sources.push({ name: file.name, size: file.size, kind, chunks });
    }
  }
  return sources;
}

function pickRatings(sources: Source[], files: InputFile[]): Source {
  const found = sources.filter((source) => source.kind === 'ratings');
  if (found.length === 0) {
    const names = files.map((file) => file.name).join(', ') || 'no files';
    // An empty file cannot be recognised by its first line, so the message names it as empty.
    const empty = files.filter((file) => file.size === 0).map((file) => file.name);
    const emptyNote =
      empty.length === 0 ? '' : ` ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty.`;
    throw new LfmError(
      'no-ratings',
      `Chosen files: a ratings file (${RATINGS_NAMES}) is required, got ${names}.${emptyNote} ` +
        'Add the ratings file, or the whole MovieLens zip.',
      { value: names },
    );
  }
  if (found.length > 1) {
    const names = found.map((source) => source.name).join(', ');
    throw new LfmError(
      'invalid-format',
      `Chosen files: exactly one ratings file is allowed, got ${found.length} (${names}). ` +
        'Choose one; a ready-made train and test pair such as u1.base and u1.test loads as a preset split.',
      { value: names },
    );
  }
  return found[0] as Source;
}

function pickOptional(sources: Source[], kind: 'movies' | 'users'): Source | null {
  const found = sources.filter((source) => source.kind === kind);
  if (found.length > 1) {
    const names = found.map((source) => source.name).join(', ');
    throw new LfmError(
      'invalid-format',
      `Chosen files: at most one ${kind} file is allowed, got ${found.length} (${names}). ` +
        'Keep the one that belongs to the ratings file.',
      { value: names },
    );
  }
  return found[0] ?? null;
}

interface Metadata {
  movies: Map<number, Movie> | null;
  userProfiles: Map<number, UserProfile> | null;
  files: string[];
}

/** Reads the optional files and notes ids that do not match the ratings. */
async function readMetadata(
  moviesSource: Source | null,
  usersSource: Source | null,
  ratings: { users: IdMap; items: IdMap },
  notes: string[],
  onProgress: ProgressCallback | undefined,
): Promise<Metadata> {
  const metadata: Metadata = { movies: null, userProfiles: null, files: [] };

  if (moviesSource) {
    const file = readMovies(await readAll(moviesSource, onProgress), moviesSource.name);
    metadata.movies = file.movies;
    metadata.files.push(moviesSource.name);
    notes.push(...compact([describeSkips(moviesSource.name, file.skipped)]));
    notes.push(...matchNotes(moviesSource.name, 'movie', file.movies, ratings.items));
  }
  if (usersSource) {
    const file = readUsers(await readAll(usersSource, onProgress), usersSource.name);
    metadata.userProfiles = file.users;
    metadata.files.push(usersSource.name);
    notes.push(...compact([describeSkips(usersSource.name, file.skipped)]));
    notes.push(...matchNotes(usersSource.name, 'user', file.users, ratings.users));
  }
  return metadata;
}

/** Notes ids listed in a metadata file but never rated, and rated ids the file lacks. */
function matchNotes(
  fileName: string,
  noun: 'movie' | 'user',
  entries: Map<number, unknown>,
  rated: IdMap,
): string[] {
  const notes: string[] = [];
  const unrated = [...entries.keys()].filter((id) => rated.indexOf(id) < 0);
  if (unrated.length > 0) {
    notes.push(
      `${fileName}: ${unrated.length} ${noun} ids match no rating (for example ` +
        `${examples(unrated)}); they are kept for display only.`,
    );
  }
  const missing = Array.from(rated.toArray()).filter((id) => !entries.has(id));
  if (missing.length > 0) {
    notes.push(
      `${fileName}: ${missing.length} rated ${noun} ids have no entry (for example ` +
        `${examples(missing)}); they are shown by id.`,
    );
  }
  return notes;
}

function examples(ids: number[]): string {
  return ids.slice(0, 5).join(', ');
}

function compact(values: Array<string | null>): string[] {
  return values.filter((value) => value !== null);
}

/** Reads the first `minBytes` (or all, if shorter) and returns a stream that replays them. */
async function peek(
  stream: AsyncIterable<Uint8Array>,
  minBytes: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const headChunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    headChunks.push(next.value);
    length += next.value.length;
  }

  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* headChunks;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { head: concatChunks(headChunks), chunks: replay() };
}

async function readAll(
  source: Source,
  onProgress: ProgressCallback | undefined,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const report = progressReporter(onProgress, source);
  let bytesRead = 0;
  for await (const chunk of source.chunks) {
    chunks.push(chunk);
    bytesRead += chunk.length;
    report?.(bytesRead);
  }
  return concatChunks(chunks);
}

async function* sliceChunks(bytes: Uint8Array, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    yield bytes.subarray(start, start + chunkBytes);
  }
}

function progressReporter(
  onProgress: ProgressCallback | undefined,
  file: { name: string; size: number },
): ((bytesRead: number) => void) | undefined {
  if (!onProgress) return undefined;
  return (bytesRead) => onProgress({ file: file.name, bytesRead, totalBytes: file.size });
}

function emptyTriples(): RatingTriples {
  return { user: new Int32Array(0), item: new Int32Array(0), rating: new Float32Array(0) };
}

function concatTriples(parts: RatingTriples[]): RatingTriples {
  const total = parts.reduce((sum, part) => sum + part.rating.length, 0);
  const joined: RatingTriples = {
    user: new Int32Array(total),
    item: new Int32Array(total),
    rating: new Float32Array(total),
  };
  let offset = 0;
  for (const part of parts) {
    joined.user.set(part.user, offset);
    joined.item.set(part.item, offset);
    joined.rating.set(part.rating, offset);
    offset += part.rating.length;
  }
  return joined;
}

function mergeScales(scales: RatingScale[]): RatingScale {
  return {
    min: Math.min(...scales.map((scale) => scale.min)),
    max: Math.max(...scales.map((scale) => scale.max)),
    step: Math.min(...scales.map((scale) => scale.step)),
  };
}

function mergeSkips(parts: RatingsFile[]): SkipReport {
  const first = parts.flatMap((part) => {
    return part.skipped.first.map((skipped) => ({
      ...skipped,
      reason: `${part.fileName}: ${skipped.reason}`,
    }));
  });
  return {
    count: parts.reduce((sum, part) => sum + part.skipped.count, 0),
    first: first.slice(0, MAX_LISTED_SKIPS),
  };
}
