import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import { MODULE_PATH, renderSimdModule } from '../../../../scripts/wasm_compile';
import { createRng, randomInt, randomPermutation } from '../../data/random';
import { sgdPass, type SgdRatings, type SgdSettings, type SgdTables } from './sgd_pass';
import { errorSums } from './scoring_kernels';
import { errorSumsSimd, sgdPassSimd, simdSgdAvailable } from './sgd_simd';

const settings: SgdSettings = { learningRate: 0.02, lambda: 0.05, biasLambda: 0.02, mu: 3.5 };

/** Random tables and ratings with a seeded generator; every user and item may repeat. */
function randomProblem(users: number, items: number, k: number, count: number, seed: number) {
  const rng = createRng(seed);
  const table = (length: number, scale: number): Float32Array =>
    Float32Array.from({ length }, () => (rng() - 0.5) * scale);
  const tables: SgdTables = {
    userEmbedding: table(users * k, 0.2),
    itemEmbedding: table(items * k, 0.2),
    userBias: table(users, 0.5),
    itemBias: table(items, 0.5),
    k,
  };
  const data: SgdRatings = {
    users: Int32Array.from({ length: count }, () => randomInt(rng, users)),
    items: Int32Array.from({ length: count }, () => randomInt(rng, items)),
    ratings: Float32Array.from({ length: count }, () => 1 + randomInt(rng, 5)),
    order: randomPermutation(count, rng),
    start: 0,
    end: count,
  };
  return { tables, data };
}

function copyTables(tables: SgdTables): SgdTables {
  return {
    userEmbedding: tables.userEmbedding.slice(),
    itemEmbedding: tables.itemEmbedding.slice(),
    userBias: tables.userBias.slice(),
    itemBias: tables.itemBias.slice(),
    k: tables.k,
  };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let index = 0; index < a.length; index++) {
    max = Math.max(max, Math.abs((a[index] as number) - (b[index] as number)));
  }
  return max;
}

describe('sgdPassSimd', () => {
  it('is available for k a multiple of 4 only', () => {
    expect(simdSgdAvailable(4)).toBe(true);
    expect(simdSgdAvailable(64)).toBe(true);
    expect(simdSgdAvailable(6)).toBe(false);
    expect(simdSgdAvailable(0)).toBe(false);
  });

  it('matches sgdPass over three passes', () => {
    const { tables, data } = randomProblem(40, 30, 8, 5000, 7);
    const plain = copyTables(tables);
    const simd = copyTables(tables);

    for (let pass = 0; pass < 3; pass++) {
      const expected = sgdPass(plain, data, settings);
      const actual = sgdPassSimd(simd, data, settings);
      expect(actual.squaredError).toBeCloseTo(expected.squaredError, 1);
      expect(actual.absoluteError / expected.absoluteError).toBeCloseTo(1, 5);
      expect(actual.l2 / expected.l2).toBeCloseTo(1, 5);
      expect(actual.squaredError / expected.squaredError).toBeCloseTo(1, 5);
    }
    // float32 arithmetic against float64 with float32 storage: rounding only.
    expect(maxDifference(simd.userEmbedding, plain.userEmbedding)).toBeLessThan(1e-5);
    expect(maxDifference(simd.itemEmbedding, plain.itemEmbedding)).toBeLessThan(1e-5);
    expect(maxDifference(simd.userBias, plain.userBias)).toBeLessThan(1e-5);
    expect(maxDifference(simd.itemBias, plain.itemBias)).toBeLessThan(1e-5);
  });

  it('visits only the slice from start to end', () => {
    const { tables, data } = randomProblem(10, 10, 4, 200, 3);
    const plain = copyTables(tables);
    const simd = copyTables(tables);
    const slice = { ...data, start: 50, end: 120 };

    const expected = sgdPass(plain, slice, settings);
    const actual = sgdPassSimd(simd, slice, settings);

    expect(actual.absoluteError).toBeCloseTo(expected.absoluteError, 4);
    expect(maxDifference(simd.userEmbedding, plain.userEmbedding)).toBeLessThan(1e-6);
  });

  it('leaves the tables unchanged on an empty slice', () => {
    const { tables, data } = randomProblem(5, 5, 4, 20, 1);
    const before = copyTables(tables);

    const sums = sgdPassSimd(tables, { ...data, start: 10, end: 10 }, settings);

    expect(sums).toEqual({ squaredError: 0, absoluteError: 0, l2: 0 });
    expect(tables.userEmbedding).toEqual(before.userEmbedding);
  });

  it('grows its memory for data larger than before', () => {
    const small = randomProblem(5, 5, 4, 10, 2);
    sgdPassSimd(small.tables, small.data, settings);
    // About 8 MB of tables and ratings, past the module's first 64 KiB page.
    const large = randomProblem(20_000, 10_000, 64, 100_000, 4);
    const plain = copyTables(large.tables);

    const expected = sgdPass(plain, large.data, settings);
    const actual = sgdPassSimd(large.tables, large.data, settings);

    expect(actual.absoluteError / expected.absoluteError).toBeCloseTo(1, 4);
    expect(maxDifference(large.tables.itemEmbedding, plain.itemEmbedding)).toBeLessThan(1e-5);
  });

  it('embeds the binary of the current sgd_simd.wat', async () => {
    const committed = await readFile(MODULE_PATH, 'utf8');
    // On failure, run `npm run build:wasm` and commit sgd_simd_module.ts.
    expect(committed).toBe(await renderSimdModule());
  });
});

describe('errorSumsSimd', () => {
  it('matches errorSums with clipping and unknown rows', () => {
    // A wide table scale pushes some predictions past [1, 5], so clipping matters.
    const { tables, data } = randomProblem(50, 40, 12, 3000, 9);
    const scaled = (table: Float32Array): Float32Array => table.map((value) => value * 20);
    const rng = createRng(2);
    const scoring = {
      userEmbedding: scaled(tables.userEmbedding),
      itemEmbedding: scaled(tables.itemEmbedding),
      userBias: tables.userBias,
      itemBias: tables.itemBias,
      knownUsers: Float32Array.from({ length: 50 }, () => (rng() < 0.8 ? 1 : 0)),
      knownItems: Float32Array.from({ length: 40 }, () => (rng() < 0.8 ? 1 : 0)),
      k: 12,
    };
    const settings = { mu: 3.5, min: 1, max: 5 };

    const expected = errorSums(scoring, data.users, data.items, data.ratings, settings);
    const actual = errorSumsSimd(scoring, data.users, data.items, data.ratings, settings);

    expect(actual[0] / expected[0]).toBeCloseTo(1, 5);
    expect(actual[1] / expected[1]).toBeCloseTo(1, 5);
  });
});
