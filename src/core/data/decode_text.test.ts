import { describe, expect, it } from 'vitest';

import { concatChunks, decodeText, splitLines } from './decode_text';
import { readRealFile, hasRealFile, realFileTitle } from './testing/real_files';

describe('decodeText', () => {
  it.each([
    [
      'UTF-8',
      [0x4d, 0x69, 0x73, 0xc3, 0xa9, 0x72, 0x61, 0x62, 0x6c, 0x65, 0x73],
      'Misérables',
      'utf-8',
    ],
    ['UTF-8 with BOM', [0xef, 0xbb, 0xbf, 0x4d, 0xc3, 0xa9], 'Mé', 'utf-8'],
    [
      'Latin-1',
      [0x4d, 0x69, 0x73, 0xe9, 0x72, 0x61, 0x62, 0x6c, 0x65, 0x73],
      'Misérables',
      'windows-1252',
    ],
    ['Windows-1252 quotes', [0x93, 0x48, 0x69, 0x94], '\u201cHi\u201d', 'windows-1252'],
    ['ASCII', [0x41, 0x42], 'AB', 'utf-8'],
  ])('decodes %s', (_, bytes, text, encoding) => {
    const decoded = decodeText(new Uint8Array(bytes));

    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
  });

  it('never yields a replacement character for Latin-1', () => {
    const latin1 = new Uint8Array(Array.from({ length: 96 }, (_, index) => 0xa0 + index));

    expect(decodeText(latin1).text).not.toContain('\ufffd');
  });
});

describe('splitLines', () => {
  it('splits LF and CRLF', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });

  it('drops a byte order mark decoded as Windows-1252', () => {
    expect(splitLines('\u00ef\u00bb\u00bfa\nb')).toEqual(['a', 'b']);
  });
});

describe('concatChunks', () => {
  it('joins chunks in order', () => {
    const joined = concatChunks([new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])]);

    expect(Array.from(joined)).toEqual([1, 2, 3]);
  });
});

const MOVIES_DAT = 'ml-1m/movies.dat';

describe.skipIf(!hasRealFile(MOVIES_DAT))(
  realFileTitle('decodeText on ML-1M movies.dat', MOVIES_DAT),
  () => {
    it('decodes Latin-1 titles', () => {
      const decoded = decodeText(readRealFile(MOVIES_DAT));

      expect(decoded.encoding).toBe('windows-1252');
      expect(decoded.text).toContain('Misérables');
      expect(decoded.text).not.toContain('\ufffd');
    });
  },
);

describe('decodeText Windows-1252 table', () => {
  it('matches the WHATWG mapping for 0x80-0x9F', () => {
    const bytes = new Uint8Array([0x80, 0x8a, 0x99, 0x9f, 0x81]);

    expect(decodeText(bytes).text).toBe('\u20ac\u0160\u2122\u0178\u0081');
  });
});
