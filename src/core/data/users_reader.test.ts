import { describe, expect, it } from 'vitest';

import { LfmError } from '../errors';
import { hasRealFile, readRealFile, realFileTitle } from './testing/real_files';
import { readUsers } from './users_reader';

const encoder = new TextEncoder();

describe('readUsers', () => {
  it('reads ML-1M users.dat', () => {
    const file = readUsers(
      encoder.encode('1::F::1::10::48067\n2::M::56::16::70072\n'),
      'users.dat',
    );

    expect(file.format).toBe('ml-1m');
    expect(file.users.get(1)).toEqual({
      id: 1,
      gender: 'F',
      age: '1',
      occupation: '10',
      zip: '48067',
    });
  });

  it('reads ML-100K u.user', () => {
    const file = readUsers(encoder.encode('1|24|M|technician|85711\r\n'), 'u.user');

    expect(file.format).toBe('ml-100k');
    expect(file.users.get(1)).toEqual({
      id: 1,
      gender: 'M',
      age: '24',
      occupation: 'technician',
      zip: '85711',
    });
  });

  it.each([
    ['four fields', '2::M::56::16', 'line must have 5 fields separated by "::", got 4'],
    [
      'a text id',
      'x::M::56::16::70072',
      'user id must be an integer from 0 to 2147483647, got "x"',
    ],
    ['a repeated id', '1::M::56::16::70072', 'user id must be unique, got 1 again'],
  ])('skips a line with %s', (_, line, reason) => {
    const file = readUsers(encoder.encode(`1::F::1::10::48067\n${line}\n`), 'users.dat');

    expect(file.users.size).toBe(1);
    expect(file.skipped.first).toEqual([{ line: 2, reason, content: line }]);
  });

  it('rejects a movies file', () => {
    let error: unknown;
    try {
      readUsers(encoder.encode('1::Toy Story (1995)::Comedy\n'), 'users.dat');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(LfmError);
    expect((error as LfmError).code).toBe('invalid-format');
    expect((error as LfmError).message).toContain('users.dat line 1: a users file must have lines');
  });
});

const USERS_DAT = 'ml-1m/users.dat';
const U_USER = 'ml-100k/u.user';

describe.skipIf(!hasRealFile(USERS_DAT))(
  realFileTitle('readUsers on ML-1M users.dat', USERS_DAT),
  () => {
    it('reads 6,040 users', () => {
      const file = readUsers(readRealFile(USERS_DAT), 'users.dat');

      expect(file.users.size).toBe(6040);
      expect(file.skipped.count).toBe(0);
    });
  },
);

describe.skipIf(!hasRealFile(U_USER))(realFileTitle('readUsers on ML-100K u.user', U_USER), () => {
  it('reads 943 users', () => {
    const file = readUsers(readRealFile(U_USER), 'u.user');

    expect(file.users.size).toBe(943);
    expect(file.skipped.count).toBe(0);
  });
});
