import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';
import { encodeNpy } from './npy';

describe('csvField', () => {
  it.each([
    ['plain text', 'Heat', 'Heat'],
    ['a comma', 'Shawshank Redemption, The (1994)', '"Shawshank Redemption, The (1994)"'],
    ['a double quote', 'Say "Hi"', '"Say ""Hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return', 'one\rtwo', '"one\rtwo"'],
    ['spaces only', ' padded ', ' padded '],
    ['an integer', 42, '42'],
    ['a fraction', 4.123456789, '4.123457'],
    ['null', null, ''],
    ['NaN', Number.NaN, ''],
  ])('formats %s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF', () => {
    const text = toCsv(
      ['user', 'title'],
      [
        [1, 'A, B'],
        [2, 'C'],
      ],
    );
    expect(text).toBe('user,title\r\n1,"A, B"\r\n2,C\r\n');
  });
});

function npyHeader(bytes: Uint8Array): string {
  const headerLength = new DataView(bytes.buffer).getUint16(8, true);
  return new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
}

describe('encodeNpy', () => {
  it('writes the header and the data', () => {
    const bytes = encodeNpy(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));

    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    expect((10 + headerLength) % 64).toBe(0);
    expect(header).toContain("'shape': (2, 3)");
    expect(header.endsWith('\n')).toBe(true);
    expect(Array.from(new Float32Array(bytes.slice(10 + headerLength).buffer))).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it('writes int32 vectors with a one-axis shape', () => {
    const bytes = encodeNpy(Int32Array.of(7, 2 ** 30), [2]);
    const header = npyHeader(bytes);

    expect(header).toContain("'descr': '<i4'");
    expect(header).toContain("'shape': (2,)");
    expect(Array.from(new Int32Array(bytes.slice(10 + header.length).buffer))).toEqual([
      7,
      2 ** 30,
    ]);
  });

  it('writes a scalar with an empty shape', () => {
    const header = npyHeader(encodeNpy(Float32Array.of(3.5), []));

    expect(header).toContain("'shape': ()");
  });

  it('rejects data that does not fill the shape', () => {
    expect(() => encodeNpy(Float32Array.of(1, 2, 3), [2, 2])).toThrow(/4 values/);
  });
});
