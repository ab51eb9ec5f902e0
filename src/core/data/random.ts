/**
 * Seeded pseudo-random numbers for the split, the synthetic data and model initialisation.
 * Everything here uses 32-bit integer arithmetic, so a seed gives the same sequence on
 * every JavaScript engine and machine (except `truncatedNormal`, see there).
 */

/** A generator of floats in [0, 1), each a multiple of 2^-32. */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

/**
 * Creates a mulberry32 generator (Tommy Ettinger's 32-bit mixer, period 2^32). Good enough
 * for shuffles and sampling, not for cryptography. Only the low 32 bits of `seed` count.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/** Returns an integer in [0, bound). `bound` must be a positive integer below 2^32. */
export function randomInt(rng: Rng, bound: number): number {
  return Math.floor(rng() * bound);
}

/** Shuffles `values` in place with the Fisher–Yates algorithm and returns it. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(
  values: T,
  rng: Rng,
): T {
  for (let last = values.length - 1; last > 0; last--) {
    const other = randomInt(rng, last + 1);
    const kept = values[last];
    values[last] = values[other];
    values[other] = kept;
  }
  return values;
}

/** Returns the integers 0..count-1 in a random order. */
export function randomPermutation(count: number, rng: Rng): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  return shuffleInPlace(order, rng);
}

/** Returns a standard normal sample (Marsaglia's polar method). */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const radiusSquared = u * u + v * v;
    if (radiusSquared > 0 && radiusSquared < 1) {
      return u * Math.sqrt((-2 * Math.log(radiusSquared)) / radiusSquared);
    }
  }
}

/**
 * Returns a normal sample with mean 0 and standard deviation `std`, redrawn until it lies
 * within 2 std of the mean, as TensorFlow's truncated normal initialiser does.
 *
 * NOTE: this uses `Math.log`, whose last bit the ECMAScript spec leaves to the engine, so
 * samples are bit-identical across machines running the same engine but not guaranteed
 * across engines.
 */
export function truncatedNormal(rng: Rng, std: number): number {
  for (;;) {
    const sample = standardNormal(rng);
    if (sample >= -2 && sample <= 2) return sample * std;
  }
}

/** Fills a new array with `truncatedNormal` draws, e.g. for an embedding table. */
export function truncatedNormalArray(length: number, std: number, rng: Rng): Float32Array {
  const values = new Float32Array(length);
  for (let index = 0; index < length; index++) values[index] = truncatedNormal(rng, std);
  return values;
}
