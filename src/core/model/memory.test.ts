import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import type { RatingTriples } from '../data/dataset';
import { createRng } from '../data/random';
import { DEFAULT_TRAIN_CONFIG } from './config';
import { useCpuBackend } from './test_support';
import { trainModel } from './trainer';

beforeAll(useCpuBackend);

/** ML-100K's shape: 943 users, 1,682 movies, 100,000 ratings, split 90/10 here. */
const USERS = 943;
const ITEMS = 1682;
const RATINGS = 100_000;
const EPOCHS = 100;
/** Allowed growth of the V8 heap between epoch 10 and the last epoch, in bytes. */
const HEAP_TOLERANCE_BYTES = 16 * 2 ** 20;

function randomTriples(count: number, seed: number): RatingTriples {
  const random = createRng(seed);
  const triples: RatingTriples = {
    user: new Int32Array(count),
    item: new Int32Array(count),
    rating: new Float32Array(count),
  };
  for (let index = 0; index < count; index++) {
    triples.user[index] = Math.floor(random() * USERS);
    triples.item[index] = Math.floor(random() * ITEMS);
    triples.rating[index] = 1 + Math.floor(random() * 5);
  }
  return triples;
}

interface Sample {
  tensors: number;
  tensorBytes: number;
  heapBytes: number;
}

function sample(): Sample {
  return {
    tensors: tf.memory().numTensors,
    tensorBytes: tf.memory().numBytes,
    heapBytes: process.memoryUsage().heapUsed,
  };
}

describe('trainModel memory', () => {
  it('keeps tensors and heap flat over 100 epochs', async () => {
    const train = randomTriples(RATINGS * 0.9, 1);
    const validation = randomTriples(RATINGS * 0.1, 2);
    const info = { users: USERS, items: ITEMS, scale: { min: 1, max: 5, step: 1 } };
    const samples = new Map<number, Sample>();
    const before = tf.memory().numTensors;

    // Small k and large batches keep 100 epochs on the CPU backend to a few seconds.
    const result = await trainModel(
      train,
      validation,
      info,
      { ...DEFAULT_TRAIN_CONFIG, k: 2, epochs: EPOCHS, batchSize: 90_000, patience: 0 },
      { onEpoch: (metrics) => samples.set(metrics.epoch, sample()) },
    );

    const first = samples.get(1) as Sample;
    const tenth = samples.get(10) as Sample;
    const last = samples.get(EPOCHS) as Sample;
    expect(result.history).toHaveLength(EPOCHS);
    expect(last.tensors).toBe(first.tensors);
    expect(last.tensorBytes).toBe(first.tensorBytes);
    expect(last.heapBytes - tenth.heapBytes).toBeLessThan(HEAP_TOLERANCE_BYTES);

    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
