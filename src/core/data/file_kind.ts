import { decodeText } from './decode_text';

/** Kind of a dropped file. `other` files (links.csv, tags.csv, README, ...) are ignored. */
export type FileKind = 'ratings' | 'movies' | 'users' | 'zip' | 'other';

/** Bytes of a file's start that `classifyFile` looks at. */
export const SNIFF_BYTES = 4096;

const KIND_BY_NAME: Record<string, FileKind> = {
  'ratings.dat': 'ratings',
  'ratings.csv': 'ratings',
  'u.data': 'ratings',
  'movies.dat': 'movies',
  'movies.csv': 'movies',
  'u.item': 'movies',
  'users.dat': 'users',
  'u.user': 'users',
};

/** ML-100K's ready-made splits: u1.base..u5.base, ua.base, ub.base and the matching tests. */
const U_SPLIT_FILE = /^u[1-5ab]\.(base|test)$/;
/** Other files GroupLens zips contain; named here so that sniffing cannot misread them. */
const KNOWN_OTHER =
  /^(links\.csv|tags\.csv|genome-.*|u\.(genre|info|occupation)|readme(\.txt|\.html)?|.*\.(md|pdf|html|sh|pl))$/;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Classifies a file from its name (without folders, case-insensitive), else from the first
 * non-blank line of `head` (its first bytes, `SNIFF_BYTES` is plenty).
 */
export function classifyFile(name: string, head: Uint8Array): FileKind {
  const baseName = (name.split(/[\\/]/).pop() ?? name).toLowerCase();
  if (baseName.endsWith('.zip') || startsWith(head, ZIP_MAGIC)) return 'zip';

  const byName = KIND_BY_NAME[baseName];
  if (byName !== undefined) return byName;
  if (U_SPLIT_FILE.test(baseName)) return 'ratings';
  if (KNOWN_OTHER.test(baseName)) return 'other';

  return sniffKind(head);
}

/** Returns true for the ML-100K split files, which are ratings but not the main ratings file. */
export function isSplitFile(name: string): boolean {
  return U_SPLIT_FILE.test((name.split(/[\\/]/).pop() ?? name).toLowerCase());
}

/** Classifies by the first non-blank line, following the MovieLens layouts. */
function sniffKind(head: Uint8Array): FileKind {
  const line = firstLine(head);
  if (line === null) return 'other';
  const integer = /^\s*\d+\s*$/;

  const colonFields = line.split('::');
  if (colonFields.length === 4 && colonFields.every((field) => integer.test(field)))
    return 'ratings';
  if (colonFields.length === 3 && integer.test(colonFields[0] as string)) return 'movies';
  if (colonFields.length === 5 && integer.test(colonFields[0] as string)) return 'users';

  const tabFields = line.split('\t');
  if (tabFields.length === 4 && tabFields.every((field) => integer.test(field))) return 'ratings';

  const pipeFields = line.split('|');
  if (pipeFields.length === 24 && integer.test(pipeFields[0] as string)) return 'movies';
  if (pipeFields.length === 5 && integer.test(pipeFields[0] as string)) return 'users';

  const header = line.toLowerCase().replace(/[\s"]/g, '');
  if (header === 'userid,movieid,rating,timestamp') return 'ratings';
  if (header === 'movieid,title,genres') return 'movies';
  const commaFields = line.split(',');
  if (commaFields.length === 4 && /^\s*\d+\s*,\s*\d+\s*,\s*[\d.]+\s*,\s*\d+\s*$/.test(line)) {
    return 'ratings';
  }
  return 'other';
}

function firstLine(head: Uint8Array): string | null {
  const lines = decodeText(head).text.split(/\r?\n/);
  // The last piece may be cut off by the sniff window, so it only counts when it is alone.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
  const line = complete.find((candidate) => candidate.trim() !== '');
  return line === undefined ? null : line.replace(/^\ufeff/, '');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
