import { unzipSync } from 'fflate';

import { LfmError } from '../errors';

/** One file taken out of a zip. `path` is its full path inside the zip. */
export interface ZipEntry {
  path: string;
  /** The file name without folders. */
  name: string;
  bytes: Uint8Array;
}

export interface UnpackedZip {
  ratings: ZipEntry;
  movies: ZipEntry | null;
  users: ZipEntry | null;
  /** Paths of the other files, which were not decompressed. */
  ignored: string[];
}

/** Main ratings file names, in order of preference. The ML-100K splits (u1.base...) are not. */
const RATINGS_NAMES = ['ratings.dat', 'ratings.csv', 'u.data'];
const MOVIES_NAMES = ['movies.dat', 'movies.csv', 'u.item'];
const USERS_NAMES = ['users.dat', 'u.user'];
/** Files listed in messages before "and N more". */
const LISTED_PATHS = 12;

/**
 * Takes the main ratings file and the movies and users files out of a MovieLens zip such as
 * ml-100k.zip, whose files sit in a folder (`ml-100k/u.data`). Movies and users files are
 * taken from the ratings file's folder. Only those files are decompressed, which matters
 * for zips with large extras such as ml-25m's genome-scores.csv.
 *
 * NOTE: the whole zip and the chosen files are held in memory at once, so very large zips
 * (ml-25m: about 260 MB packed, 680 MB ratings) may exceed a browser tab's memory.
 *
 * @throws LfmError `invalid-zip` for a corrupt zip or one without a ratings file.
 */
export function unpackZip(bytes: Uint8Array, zipName: string): UnpackedZip {
  const paths = listFiles(bytes, zipName);
  const ratingsPath = pickRatingsPath(paths);
  if (ratingsPath === null) {
    throw new LfmError(
      'invalid-zip',
      `${zipName}: a zip must contain a ratings file named ${RATINGS_NAMES.join(', ')}, got ` +
        `${describePaths(paths)}. Unzip it and choose the ratings file itself.`,
      { file: zipName },
    );
  }

  const folder = folderOf(ratingsPath);
  const inFolder = (names: string[]): string | null => {
    return (
      paths.find((path) => folderOf(path) === folder && names.includes(baseName(path))) ?? null
    );
  };
  const moviesPath = inFolder(MOVIES_NAMES);
  const usersPath = inFolder(USERS_NAMES);
  const wanted = new Set([ratingsPath, moviesPath, usersPath].filter((path) => path !== null));

  const files = unzipOrThrow(bytes, zipName, (path) => wanted.has(path));
  const entry = (path: string | null): ZipEntry | null => {
    const content = path === null ? undefined : files[path];
    if (path === null || content === undefined) return null;
    return { path, name: path.slice(path.lastIndexOf('/') + 1), bytes: content };
  };
  return {
    ratings: entry(ratingsPath) as ZipEntry,
    movies: entry(moviesPath),
    users: entry(usersPath),
    ignored: paths.filter((path) => !wanted.has(path)),
  };
}

/** Paths of the regular files, without folders and macOS metadata (`__MACOSX/`, `._*`). */
function listFiles(bytes: Uint8Array, zipName: string): string[] {
  const paths: string[] = [];
  unzipOrThrow(bytes, zipName, (path) => {
    const isMetadata = path.startsWith('__MACOSX/') || baseName(path).startsWith('._');
    if (!path.endsWith('/') && !isMetadata) paths.push(path);
    return false;
  });
  return paths;
}

function unzipOrThrow(
  bytes: Uint8Array,
  zipName: string,
  keep: (path: string) => boolean,
): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (file) => keep(file.name) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LfmError(
      'invalid-zip',
      `${zipName}: the file must be a readable zip archive, got an error while unpacking ` +
        `("${reason}"). Download the zip again or unzip it and choose the files inside.`,
      { file: zipName, value: reason },
    );
  }
}

/** The preferred main ratings file; on ties, the one in the shallowest folder. */
function pickRatingsPath(paths: string[]): string | null {
  const candidates = paths
    .map((path) => ({ path, rank: RATINGS_NAMES.indexOf(baseName(path)) }))
    .filter((candidate) => candidate.rank >= 0)
    .sort((left, right) => {
      return (
        left.rank - right.rank ||
        depth(left.path) - depth(right.path) ||
        left.path.localeCompare(right.path)
      );
    });
  return candidates[0]?.path ?? null;
}

function describePaths(paths: string[]): string {
  if (paths.length === 0) return 'no files';
  const listed = paths.slice(0, LISTED_PATHS).join(', ');
  const more = paths.length > LISTED_PATHS ? ` and ${paths.length - LISTED_PATHS} more` : '';
  return `${paths.length} ${paths.length === 1 ? 'file' : 'files'}: ${listed}${more}`;
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).toLowerCase();
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function depth(path: string): number {
  return path.split('/').length;
}
