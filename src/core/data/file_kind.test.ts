import { describe, expect, it } from 'vitest';

import { classifyFile, isSplitFile } from './file_kind';

const encoder = new TextEncoder();
const empty = new Uint8Array(0);

describe('classifyFile by name', () => {
  it.each([
    ['ratings.dat', 'ratings'],
    ['ml-100k/u.data', 'ratings'],
    ['RATINGS.CSV', 'ratings'],
    ['u1.base', 'ratings'],
    ['ub.test', 'ratings'],
    ['movies.dat', 'movies'],
    ['u.item', 'movies'],
    ['movies.csv', 'movies'],
    ['users.dat', 'users'],
    ['u.user', 'users'],
    ['ml-1m.zip', 'zip'],
    ['links.csv', 'other'],
    ['tags.csv', 'other'],
    ['u.genre', 'other'],
    ['README.txt', 'other'],
  ])('classifies %s as %s', (name, kind) => {
    expect(classifyFile(name, empty)).toBe(kind);
  });
});

describe('classifyFile by content', () => {
  it.each([
    ['ML-1M ratings', '1::1193::5::978300760\n', 'ratings'],
    ['tab ratings', '196\t242\t3\t881250949\n', 'ratings'],
    ['a ratings header', '\ufeffuserId,movieId,rating,timestamp\r\n', 'ratings'],
    ['headerless CSV ratings', '1,31,2.5,1260759144\n', 'ratings'],
    ['ML-1M movies', "1::Toy Story (1995)::Animation|Children's\n", 'movies'],
    ['a movies header', 'movieId,title,genres\n', 'movies'],
    ['ML-1M users', '1::F::1::10::48067\n', 'users'],
    ['ML-100K users', '1|24|M|technician|85711\n', 'users'],
    ['JSON', '{"ratings": []}\n', 'other'],
    ['an empty file', '', 'other'],
  ])('classifies %s', (_, text, kind) => {
    expect(classifyFile('download', encoder.encode(text))).toBe(kind);
  });

  it('classifies zip bytes without a .zip name', () => {
    expect(classifyFile('download', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('zip');
  });

  it('ignores a line cut by the sniff window', () => {
    expect(classifyFile('download', encoder.encode('1::F::1::10::48067\n2::M::5'))).toBe('users');
  });
});

describe('isSplitFile', () => {
  it('recognises the ML-100K splits only', () => {
    expect(isSplitFile('ml-100k/u3.test')).toBe(true);
    expect(isSplitFile('u.data')).toBe(false);
  });
});
