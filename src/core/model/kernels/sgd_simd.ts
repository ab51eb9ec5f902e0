/**
 * `sgdPass` and `errorSums` on WebAssembly SIMD (sgd_simd.wat): the same updates and sums, in
 * float32 arithmetic, for embedding sizes that are a multiple of 4.
 *
 * Each call copies the tables and the visited ratings (gathered in visiting order) into the
 * module's own memory, runs the pass there and copies the tables back. The copies are linear
 * and cost a few percent of the per-rating work when a call visits more ratings than the
 * tables have rows. The memory grows to fit the largest call (12 bytes per rating plus the
 * tables, about 110 MB for ML-25M-sized data) and never shrinks, as WebAssembly memories
 * cannot, until the worker ends.
 */
import type { ScoringSettings, ScoringTables } from './scoring_kernels';
import type { SgdRatings, SgdSettings, SgdSums, SgdTables } from './sgd_pass';
import { SGD_SIMD_WASM_BASE64 } from './sgd_simd_module';

const PAGE_BYTES = 65536;
/** wasm32 memories address at most 4 GiB. */
const MAX_PAGES = 65536;
const SUMS_BYTES = 24;

type SgdPassExport = (
  users: number,
  items: number,
  ratings: number,
  count: number,
  userEmbedding: number,
  itemEmbedding: number,
  userBias: number,
  itemBias: number,
  k: number,
  learningRate: number,
  lambda: number,
  biasLambda: number,
  mu: number,
  sums: number,
) => void;

type ErrorSumsExport = (
  users: number,
  items: number,
  ratings: number,
  count: number,
  userEmbedding: number,
  itemEmbedding: number,
  userBias: number,
  itemBias: number,
  knownUsers: number,
  knownItems: number,
  k: number,
  mu: number,
  min: number,
  max: number,
  sums: number,
) => void;

interface SimdKernel {
  memory: WebAssembly.Memory;
  sgdPass: SgdPassExport;
  errorSums: ErrorSumsExport;
}

let kernel: SimdKernel | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Returns the instantiated module, or null where the engine lacks WebAssembly SIMD (Safari
 * before 16.4, for example). Compiles once, synchronously: the module is a few kilobytes.
 */
function loadKernel(): SimdKernel | null {
  if (kernel !== undefined) return kernel;
  const bytes = decodeBase64(SGD_SIMD_WASM_BASE64);
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) {
    kernel = null;
    return kernel;
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  kernel = {
    memory: instance.exports.memory as WebAssembly.Memory,
    sgdPass: instance.exports.sgd_pass as SgdPassExport,
    errorSums: instance.exports.error_sums as ErrorSumsExport,
  };
  return kernel;
}

/** Returns whether `sgdPassSimd` can run tables with `k` columns in this engine. */
export function simdSgdAvailable(k: number): boolean {
  return k > 0 && k % 4 === 0 && loadKernel() !== null;
}

/**
 * Returns the byte offset of each block of `byteLengths`, laid out in order from 0 and each
 * aligned to 16 bytes, and the first offset after them, aligned to 8 for the float64 sums.
 */
function layOut(byteLengths: number[]): { offsets: number[]; sumsAt: number } {
  const offsets: number[] = [];
  let next = 0;
  for (const length of byteLengths) {
    offsets.push(next);
    next += Math.ceil(length / 16) * 16;
  }
  return { offsets, sumsAt: next };
}

/** Grows the module's memory to at least `bytes`; throws a RangeError past 4 GiB. */
function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  const current = memory.buffer.byteLength / PAGE_BYTES;
  if (pages <= current) return;
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `SIMD SGD pass needs ${(bytes / 2 ** 30).toFixed(2)} GiB of WebAssembly memory; the limit is 4 GiB.`,
    );
  }
  memory.grow(pages - current);
}

/**
 * Runs the pass of `sgdPass` (see there for the update and the sums) and updates `tables` in
 * place. Call only where `simdSgdAvailable(tables.k)` is true.
 */
export function sgdPassSimd(tables: SgdTables, data: SgdRatings, settings: SgdSettings): SgdSums {
  const loaded = loadKernel();
  if (loaded === null || !simdSgdAvailable(tables.k)) {
    throw new Error(`SIMD SGD pass: unavailable for k = ${tables.k}.`);
  }
  const { userEmbedding, itemEmbedding, userBias, itemBias, k } = tables;
  const count = Math.max(0, data.end - data.start);
  const sources = [userEmbedding, itemEmbedding, userBias, itemBias] as const;
  const ratingBytes = 4 * count;
  const { offsets, sumsAt } = layOut([
    ...sources.map((table) => table.byteLength),
    ratingBytes,
    ratingBytes,
    ratingBytes,
  ]);
  const [userEmbeddingAt, itemEmbeddingAt, userBiasAt, itemBiasAt, usersAt, itemsAt, ratingsAt] =
    offsets as [number, number, number, number, number, number, number];
  ensureMemory(loaded.memory, sumsAt + SUMS_BYTES);

  // Views are taken after growing, because growing detaches the old buffer.
  const buffer = loaded.memory.buffer;
  const tableViews = sources.map(
    (table, index) => new Float32Array(buffer, offsets[index] as number, table.length),
  );
  tableViews.forEach((view, index) => view.set(sources[index] as Float32Array));

  const users = new Int32Array(buffer, usersAt, count);
  const items = new Int32Array(buffer, itemsAt, count);
  const ratings = new Float32Array(buffer, ratingsAt, count);
  const { order } = data;
  for (let n = 0; n < count; n++) {
    const index = order[data.start + n] as number;
    users[n] = data.users[index] as number;
    items[n] = data.items[index] as number;
    ratings[n] = data.ratings[index] as number;
  }

  loaded.sgdPass(
    usersAt,
    itemsAt,
    ratingsAt,
    count,
    userEmbeddingAt,
    itemEmbeddingAt,
    userBiasAt,
    itemBiasAt,
    k,
    settings.learningRate,
    settings.lambda,
    settings.biasLambda,
    settings.mu,
    sumsAt,
  );

  tableViews.forEach((view, index) => (sources[index] as Float32Array).set(view));
  const sums = new Float64Array(buffer, sumsAt, 3);
  return {
    squaredError: sums[0] as number,
    absoluteError: sums[1] as number,
    l2: sums[2] as number,
  };
}

/**
 * Returns [sum of squared errors, sum of absolute errors] as `errorSums` in
 * scoring_kernels.ts does. Call only where `simdSgdAvailable(tables.k)` is true.
 */
export function errorSumsSimd(
  tables: ScoringTables,
  users: Int32Array,
  items: Int32Array,
  ratings: Float32Array,
  settings: ScoringSettings,
): [number, number] {
  const loaded = loadKernel();
  if (loaded === null || !simdSgdAvailable(tables.k)) {
    throw new Error(`SIMD error sums: unavailable for k = ${tables.k}.`);
  }
  const sources = [
    tables.userEmbedding,
    tables.itemEmbedding,
    tables.userBias,
    tables.itemBias,
    tables.knownUsers,
    tables.knownItems,
    users,
    items,
    ratings,
  ] as const;
  const { offsets, sumsAt } = layOut(sources.map((source) => source.byteLength));
  ensureMemory(loaded.memory, sumsAt + SUMS_BYTES);

  const buffer = loaded.memory.buffer;
  sources.forEach((source, index) => {
    const at = offsets[index] as number;
    if (source instanceof Int32Array) new Int32Array(buffer, at, source.length).set(source);
    else new Float32Array(buffer, at, source.length).set(source);
  });
  const at = (index: number): number => offsets[index] as number;
  loaded.errorSums(
    at(6),
    at(7),
    at(8),
    ratings.length,
    at(0),
    at(1),
    at(2),
    at(3),
    at(4),
    at(5),
    tables.k,
    settings.mu,
    settings.min,
    settings.max,
    sumsAt,
  );
  const sums = new Float64Array(buffer, sumsAt, 2);
  return [sums[0] as number, sums[1] as number];
}
