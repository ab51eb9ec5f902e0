import { LfmError } from '../errors';
import type { SeenItems } from '../recommend/seen_items';
import { validateTrainConfig, type TrainConfig } from './config';
import type { ModelArrays } from './lfm_model';

/** Any value JSON can hold. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Everything a model file holds. */
export interface ModelFileContents {
  datasetName: string;
  config: TrainConfig;
  /** Caller-defined metrics, e.g. the test report and the epoch history. */
  metrics: JsonValue;
  weights: ModelArrays;
  /** Raw user id of each dense user index. */
  userIds: Int32Array;
  /** Raw item id of each dense item index. */
  itemIds: Int32Array;
  /** Rated items of each user, so a loaded model can show them and leave them out of recommendations. */
  seen: SeenItems;
  /** The rating of each entry of `seen.indices`. */
  seenRatings: Float32Array;
  /** Caller-defined extra data, e.g. movie titles. */
  metadata: JsonValue;
}

/** Byte 0-3 of every model file. */
const MAGIC = [0x4c, 0x46, 0x4d, 0x53]; // "LFMS"
export const MODEL_FILE_VERSION = 1;
/** Magic (4 bytes), version (uint32) and header length in bytes (uint32). */
const PREAMBLE_BYTES = 12;

type ArrayDtype = 'float32' | 'int32' | 'uint8';

/** Location of one typed array in the data section, which starts after the padded header. */
interface ArrayDescriptor {
  name: string;
  dtype: ArrayDtype;
  shape: number[];
  byteOffset: number;
}

interface ModelFileHeader {
  format: 'lfm-studio-model';
  /** Typed arrays are stored in little-endian byte order. */
  littleEndian: true;
  datasetName: string;
  config: TrainConfig;
  metrics: JsonValue;
  scale: { min: number; max: number; step: number };
  mu: number;
  users: number;
  items: number;
  k: number;
  arrays: ArrayDescriptor[];
  metadata: JsonValue;
}

type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * Encodes a model as: "LFMS", uint32 version, uint32 header length, a UTF-8 JSON header
 * padded with spaces to a multiple of 4 bytes, then the raw typed arrays, each starting
 * at a multiple of 4 bytes from the start of the data section. All integers are
 * little-endian. The header lists each array's name, dtype, shape and byte offset.
 */
export function encodeModelFile(contents: ModelFileContents): Uint8Array {
  assertLittleEndian();
  const { weights } = contents;
  const arrays: [string, TypedArray, number[]][] = [
    ['userEmbedding', weights.userEmbedding, [weights.users, weights.k]],
    ['itemEmbedding', weights.itemEmbedding, [weights.items, weights.k]],
    ['userBias', weights.userBias, [weights.users]],
    ['itemBias', weights.itemBias, [weights.items]],
    ['knownUsers', weights.knownUsers, [weights.users]],
    ['knownItems', weights.knownItems, [weights.items]],
    ['userIds', contents.userIds, [weights.users]],
    ['itemIds', contents.itemIds, [weights.items]],
    ['seenOffsets', contents.seen.offsets, [weights.users + 1]],
    ['seenIndices', contents.seen.indices, [contents.seen.indices.length]],
    ['seenRatings', contents.seenRatings, [contents.seen.indices.length]],
  ];

  const descriptors: ArrayDescriptor[] = [];
  let dataBytes = 0;
  for (const [name, array, shape] of arrays) {
    if (array.length !== shape.reduce((product, size) => product * size, 1)) {
      throw new LfmError(
        'invalid-model-file',
        `Model file: ${name} must have shape [${shape.join(', ')}], got ${array.length} values.`,
      );
    }
    descriptors.push({ name, dtype: dtypeOf(array), shape, byteOffset: dataBytes });
    dataBytes += padTo4(array.byteLength);
  }

  const header: ModelFileHeader = {
    format: 'lfm-studio-model',
    littleEndian: true,
    datasetName: contents.datasetName,
    config: contents.config,
    metrics: contents.metrics,
    scale: { ...weights.scale },
    mu: weights.mu,
    users: weights.users,
    items: weights.items,
    k: weights.k,
    arrays: descriptors,
    metadata: contents.metadata,
  };
  const headerText = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = padTo4(headerText.length);

  const bytes = new Uint8Array(PREAMBLE_BYTES + headerBytes + dataBytes);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, MODEL_FILE_VERSION, true);
  view.setUint32(8, headerBytes, true);
  bytes.set(headerText, PREAMBLE_BYTES);
  bytes.fill(0x20, PREAMBLE_BYTES + headerText.length, PREAMBLE_BYTES + headerBytes);

  const dataStart = PREAMBLE_BYTES + headerBytes;
  arrays.forEach(([, array], index) => {
    const offset = dataStart + (descriptors[index] as ArrayDescriptor).byteOffset;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
  });
  return bytes;
}

/**
 * Decodes `encodeModelFile` output into fresh arrays (they do not share `bytes`).
 * Throws `invalid-model-file` naming the first thing that does not match the format.
 */
export function decodeModelFile(bytes: Uint8Array): ModelFileContents {
  assertLittleEndian();
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((value, index) => bytes[index] !== value)) {
    fail('the file must start with the bytes "LFMS"', describeStart(bytes));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MODEL_FILE_VERSION) {
    fail(`the format version must be ${MODEL_FILE_VERSION}`, String(version));
  }
  const headerBytes = view.getUint32(8, true);
  if (PREAMBLE_BYTES + headerBytes > bytes.length) {
    fail(`the header length must fit in the file of ${bytes.length} bytes`, String(headerBytes));
  }

  const header = parseHeader(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerBytes));
  const data = bytes.subarray(PREAMBLE_BYTES + headerBytes);
  const read = (name: string, dtype: ArrayDtype, shape: number[]): TypedArray =>
    readArray(data, header.arrays, name, dtype, shape);
  const { users, items, k } = header;

  const seenOffsets = read('seenOffsets', 'int32', [users + 1]) as Int32Array;
  const seenCount = seenOffsets[users] as number;
  const seenIndices = read('seenIndices', 'int32', [seenCount]) as Int32Array;
  validateSeenItems(seenOffsets, seenIndices, items);
  const seenRatings = read('seenRatings', 'float32', [seenCount]) as Float32Array;

  return {
    datasetName: header.datasetName,
    config: header.config,
    metrics: header.metrics,
    weights: {
      users,
      items,
      k,
      scale: header.scale,
      mu: header.mu,
      userEmbedding: read('userEmbedding', 'float32', [users, k]) as Float32Array,
      itemEmbedding: read('itemEmbedding', 'float32', [items, k]) as Float32Array,
      userBias: read('userBias', 'float32', [users]) as Float32Array,
      itemBias: read('itemBias', 'float32', [items]) as Float32Array,
      knownUsers: read('knownUsers', 'uint8', [users]) as Uint8Array,
      knownItems: read('knownItems', 'uint8', [items]) as Uint8Array,
    },
    userIds: read('userIds', 'int32', [users]) as Int32Array,
    itemIds: read('itemIds', 'int32', [items]) as Int32Array,
    seen: { offsets: seenOffsets, indices: seenIndices },
    seenRatings,
    metadata: header.metadata,
  };
}

function parseHeader(headerBytes: Uint8Array): ModelFileHeader {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (error) {
    fail('the header must be UTF-8 JSON', error instanceof Error ? error.message : String(error));
  }

  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    fail('the header must be a JSON object', typeof header);
  }
  const fields = header as Record<string, unknown>;
  if (fields.format !== 'lfm-studio-model') {
    fail('the header format must be "lfm-studio-model"', String(fields.format));
  }

  for (const name of ['users', 'items', 'k']) {
    const value = fields[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      fail(`header field ${name} must be a positive integer`, String(value));
    }
  }

  const scale = fields.scale as Record<string, unknown> | null | undefined;
  const scaleValid =
    typeof scale === 'object' &&
    scale !== null &&
    ['min', 'max', 'step'].every((key) => typeof scale[key] === 'number');
  if (!scaleValid || typeof fields.mu !== 'number' || !Number.isFinite(fields.mu)) {
    fail(
      'the header must hold a rating scale {min, max, step} and a finite mu',
      JSON.stringify([scale, fields.mu]),
    );
  }
  if (typeof fields.datasetName !== 'string' || !Array.isArray(fields.arrays)) {
    fail('the header must hold datasetName and an arrays list', JSON.stringify(fields.datasetName));
  }

  try {
    validateTrainConfig(fields.config as TrainConfig);
  } catch (error) {
    fail(
      'the header must hold a valid training config',
      error instanceof Error ? error.message : String(error),
    );
  }

  return {
    ...(fields as unknown as ModelFileHeader),
    metrics: (fields.metrics ?? null) as JsonValue,
    metadata: (fields.metadata ?? null) as JsonValue,
  };
}

function readArray(
  data: Uint8Array,
  descriptors: ArrayDescriptor[],
  name: string,
  dtype: ArrayDtype,
  shape: number[],
): TypedArray {
  const descriptor = descriptors.find((candidate) => candidate?.name === name);
  if (descriptor === undefined) fail(`array ${name} must be listed in the header`, 'no entry');
  const sameShape =
    Array.isArray(descriptor.shape) &&
    descriptor.shape.length === shape.length &&
    descriptor.shape.every((size, index) => size === shape[index]);
  if (descriptor.dtype !== dtype || !sameShape) {
    fail(
      `array ${name} must be ${dtype} of shape [${shape.join(', ')}]`,
      `${String(descriptor.dtype)} of shape ${JSON.stringify(descriptor.shape)}`,
    );
  }

  const length = shape.reduce((product, size) => product * size, 1);
  const byteLength = length * bytesPerElement(dtype);
  const { byteOffset } = descriptor;
  if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset + byteLength > data.length) {
    fail(
      `array ${name} must lie inside the ${data.length}-byte data section`,
      `offset ${byteOffset}`,
    );
  }

  // Copying gives an aligned buffer that does not share memory with the input.
  const copy = data.slice(byteOffset, byteOffset + byteLength).buffer;
  if (dtype === 'float32') return new Float32Array(copy);
  if (dtype === 'int32') return new Int32Array(copy);
  return new Uint8Array(copy);
}

function validateSeenItems(offsets: Int32Array, indices: Int32Array, items: number): void {
  for (let user = 0; user + 1 < offsets.length; user++) {
    if ((offsets[user + 1] as number) < (offsets[user] as number) || offsets[0] !== 0) {
      fail(
        'seenOffsets must start at 0 and never decrease',
        `offset ${offsets[user + 1]} after ${offsets[user]}`,
      );
    }
  }
  for (const item of indices) {
    if (item < 0 || item >= items)
      fail(`seenIndices must be item indices below ${items}`, String(item));
  }
}

function fail(rule: string, got: string): never {
  throw new LfmError(
    'invalid-model-file',
    `Model file: ${rule}, got ${got}. Choose a file exported by LFM Studio, or export the model again.`,
  );
}

function describeStart(bytes: Uint8Array): string {
  const start = Array.from(bytes.subarray(0, 4), (value) => value.toString(16).padStart(2, '0'));
  return start.length === 0 ? 'an empty file' : `bytes ${start.join(' ')}`;
}

function dtypeOf(array: TypedArray): ArrayDtype {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Int32Array) return 'int32';
  return 'uint8';
}

function bytesPerElement(dtype: ArrayDtype): number {
  return dtype === 'uint8' ? 1 : 4;
}

function padTo4(byteLength: number): number {
  return Math.ceil(byteLength / 4) * 4;
}

/** Typed arrays use the platform's byte order; the format fixes little-endian. */
function assertLittleEndian(): void {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) {
    throw new LfmError(
      'invalid-model-file',
      'Model file: this platform must be little-endian to read or write model files, got big-endian.',
    );
  }
}
