import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import type { RatingTriples } from '../data/dataset';
import { createRng } from '../data/random';

/** Switches TF.js to the CPU backend, which every unit test of the model uses. */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Builds rating triples from [user, item, rating] rows. */
export function triples(rows: [number, number, number][]): RatingTriples {
  return {
    user: Int32Array.from(rows, (row) => row[0]),
    item: Int32Array.from(rows, (row) => row[1]),
    rating: Float32Array.from(rows, (row) => row[2]),
  };
}

/**
 * Every (user, item) pair rated by a rank-2 model plus noise, rounded to the 1-5 scale, and
 * split by a seeded shuffle into train (80%) and validation (20%).
 */
export function lowRankRatings(
  users: number,
  items: number,
  seed: number,
): { train: RatingTriples; validation: RatingTriples } {
  const random = createRng(seed);
  const userFactors = Array.from({ length: users }, () => [random() * 2 - 1, random() * 2 - 1]);
  const itemFactors = Array.from({ length: items }, () => [random() * 2 - 1, random() * 2 - 1]);
  const train: [number, number, number][] = [];
  const validation: [number, number, number][] = [];
  for (let user = 0; user < users; user++) {
    for (let item = 0; item < items; item++) {
      const [a, b] = userFactors[user] as number[];
      const [c, d] = itemFactors[item] as number[];
      const value =
        3 +
        1.5 * ((a as number) * (c as number) + (b as number) * (d as number)) +
        (random() - 0.5) * 0.5;
      const rating = Math.min(5, Math.max(1, Math.round(value)));
      (random() < 0.8 ? train : validation).push([user, item, rating]);
    }
  }
  return { train: triples(train), validation: triples(validation) };
}
