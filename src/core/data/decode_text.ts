/**
 * Text decoding for the metadata files. ML-1M movies.dat and ML-100K u.item are Latin-1,
 * ml-latest files are UTF-8, and the files do not declare their encoding.
 */

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Unicode code points of Windows-1252 bytes 0x80-0x9F; every other byte maps to the code point
 * of the same value, as in Latin-1. Written out because Node 20's TextDecoder decodes the
 * label "windows-1252" as plain Latin-1 (0x93 gives U+0093, not U+201C), unlike browsers.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Code units per `String.fromCharCode` call, below engines' argument count limits. */
const DECODE_BLOCK = 8192;

/**
 * Decodes bytes as UTF-8 when they are valid UTF-8 (dropping a byte order mark), else as
 * Windows-1252, a superset of Latin-1's printable characters. Latin-1 text is almost never
 * valid UTF-8, because a byte such as 0xE9 ("é") must be followed by continuation bytes, so
 * "é" comes out right and never as U+FFFD.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(bytes.length, DECODE_BLOCK));
  for (let start = 0; start < bytes.length; start += DECODE_BLOCK) {
    const end = Math.min(bytes.length, start + DECODE_BLOCK);
    for (let index = start; index < end; index++) {
      const byte = bytes[index] as number;
      codes[index - start] =
        byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

/** Joins chunks into one array; the bytes of a single chunk are returned without a copy. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;

  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/**
 * Splits decoded text into lines, accepting LF and CRLF. A UTF-8 byte order mark in a file
 * that fell back to Windows-1252 shows up as "ï»¿" and is dropped too.
 */
export function splitLines(text: string): string[] {
  const withoutMark = text.startsWith('\u00ef\u00bb\u00bf') ? text.slice(3) : text;
  return withoutMark.split(/\r?\n/);
}
