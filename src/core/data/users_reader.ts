import { LfmError } from '../errors';
import type { SkipReport, UserProfile } from './dataset';
import { decodeText, splitLines } from './decode_text';
import { parseRawId } from './ratings_reader';
import { displayContent, SkipRecorder } from './skip_report';

export type UsersFileFormat = 'ml-1m' | 'ml-100k';

const EXPECTED_LAYOUTS =
  'a users file must have lines "UserID::Gender::Age::Occupation::Zip-code" (ML-1M ' +
  'users.dat) or "id|age|gender|occupation|zip" (ML-100K u.user)';

export interface UsersFile {
  fileName: string;
  format: UsersFileFormat;
  /** Profiles keyed by raw user id. */
  users: Map<number, UserProfile>;
  skipped: SkipReport;
}

/**
 * Reads ML-1M users.dat or ML-100K u.user, detected from the first non-blank line. ML-1M
 * codes age and occupation as numbers (see its README); they are kept as text, unchanged.
 *
 * @throws LfmError `empty-file` for a file without text, `invalid-format` when the first line
 *   matches neither layout or no line contains a valid user.
 */
export function readUsers(bytes: Uint8Array, fileName: string): UsersFile {
  const lines = splitLines(decodeText(bytes).text);
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  if (firstIndex < 0) {
    throw new LfmError(
      'empty-file',
      `${fileName}: a users file must contain users, got an empty file. ` +
        'Choose users.dat or u.user, or load the ratings alone.',
      { file: fileName },
    );
  }

  const format = detectUsersFormat(lines[firstIndex] as string, fileName, firstIndex + 1);
  const users = new Map<number, UserProfile>();
  const skips = new SkipRecorder();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const result = parseUserLine(line, format);
    if (typeof result === 'string') {
      skips.add(index + 1, result, line);
    } else if (users.has(result.id)) {
      skips.add(index + 1, `user id must be unique, got ${result.id} again`, line);
    } else {
      users.set(result.id, result);
    }
  });

  if (users.size === 0) {
    const first = skips.report().first[0];
    throw new LfmError(
      'invalid-format',
      `${fileName}: ${EXPECTED_LAYOUTS}, got no valid user` +
        (first ? `; line ${first.line} "${first.content}" was skipped: ${first.reason}` : '') +
        '. Check that this is a MovieLens users file.',
      { file: fileName, line: first?.line ?? 1, value: first?.content ?? '' },
    );
  }
  return { fileName, format, users, skipped: skips.report() };
}

function detectUsersFormat(line: string, fileName: string, lineNumber: number): UsersFileFormat {
  if (line.split('::').length === 5) return 'ml-1m';
  if (line.split('|').length === 5) return 'ml-100k';

  throw new LfmError(
    'invalid-format',
    `${fileName} line ${lineNumber}: ${EXPECTED_LAYOUTS}, got "${displayContent(line)}". ` +
      'Choose a MovieLens users file, or load the ratings alone.',
    { file: fileName, line: lineNumber, value: displayContent(line) },
  );
}

function parseUserLine(line: string, format: UsersFileFormat): UserProfile | string {
  const separator = format === 'ml-1m' ? '::' : '|';
  const fields = line.split(separator).map((field) => field.trim());
  if (fields.length !== 5) {
    return `line must have 5 fields separated by "${separator}", got ${fields.length}`;
  }

  const id = parseRawId(fields[0] as string);
  if (id === null) {
    return `user id must be an integer from 0 to 2147483647, got "${displayContent(fields[0] as string)}"`;
  }
  if (format === 'ml-1m') {
    const [, gender, age, occupation, zip] = fields as [string, string, string, string, string];
    return { id, gender, age, occupation, zip };
  }
  const [, age, gender, occupation, zip] = fields as [string, string, string, string, string];
  return { id, gender, age, occupation, zip };
}
