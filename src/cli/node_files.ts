import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { InputFile } from '../core/data/load_dataset';
import { LfmError } from '../core/errors';

/** Opens a file on disk as a streamed input for the core readers. */
export function nodeInputFile(filePath: string): InputFile {
  let size: number;
  try {
    const stats = statSync(filePath);
    if (!stats.isFile()) throw new Error('not a regular file');
    size = stats.size;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LfmError(
      'invalid-format',
      `${filePath}: cannot read the file (${reason}). Check the path.`,
      {
        file: filePath,
      },
    );
  }
  return {
    name: path.basename(filePath),
    size,
    chunks: () =>
      createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>,
  };
}
