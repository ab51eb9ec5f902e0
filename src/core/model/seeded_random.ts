/**
 * Seeded random numbers for the model: initialisation and per-epoch shuffling. Every run
 * with the same seed draws the same numbers on every backend, because all drawing happens
 * in JavaScript and only the results are uploaded.
 */

/** A source of uniform numbers in [0, 1). */
export type UniformSource = () => number;

/**
 * Creates a Mulberry32 generator: a 32-bit state advanced by a Weyl sequence and mixed.
 * Its period is 2^32, which is plenty for initialising tables and shuffling indices.
 */
export function createUniformSource(seed: number): UniformSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills a new array with draws from a normal distribution of mean 0 and standard
 * deviation `std`, truncated at two standard deviations by redrawing, as
 * `tf.truncatedNormal` does. The draws come from the Box-Muller transform.
 */
export function truncatedNormalArray(
  length: number,
  std: number,
  random: UniformSource,
): Float32Array {
  const values = new Float32Array(length);
  let filled = 0;
  while (filled < length) {
    // 1 - random() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    for (const draw of [radius * Math.cos(angle), radius * Math.sin(angle)]) {
      if (filled < length && Math.abs(draw) <= 2) values[filled++] = draw * std;
    }
  }
  return values;
}

/** Returns a uniformly random permutation of 0..length-1 (Fisher-Yates). */
export function permutation(length: number, random: UniformSource): Int32Array {
  const order = new Int32Array(length);
  for (let index = 0; index < length; index++) order[index] = index;
  for (let index = length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const held = order[index] as number;
    order[index] = order[other] as number;
    order[other] = held;
  }
  return order;
}
