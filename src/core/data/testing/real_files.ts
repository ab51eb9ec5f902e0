/**
 * Locates the real MovieLens files that some tests read. They are never part of the
 * repository (their licences forbid redistribution), so tests skip when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Folder with ml-100k/, ml-1m/ and ml-latest-small/: `LFM_DATA_DIR`, else ../shared/data. */
export const DATA_DIR = resolve(REPO_ROOT, process.env.LFM_DATA_DIR ?? '../shared/data');

export function realFilePath(relativePath: string): string {
  return resolve(DATA_DIR, relativePath);
}

export function hasRealFile(relativePath: string): boolean {
  return existsSync(realFilePath(relativePath));
}

export function readRealFile(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(realFilePath(relativePath)));
}

/** Describe-block title naming the file the block needs and, when absent, where it looked. */
export function realFileTitle(title: string, relativePath: string): string {
  return hasRealFile(relativePath)
    ? title
    : `${title} (skipped: ${realFilePath(relativePath)} not found; set LFM_DATA_DIR)`;
}

/** Splits bytes into chunks of `size` bytes, to exercise lines split across chunks. */
export function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return chunks;
}
