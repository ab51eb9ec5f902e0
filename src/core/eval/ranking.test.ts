import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { createRng } from '../data/random';
import { LfmModel } from '../model/lfm_model';
import { triples, useCpuBackend } from '../model/test_support';
import { topNForUsers, userBatchSize } from '../recommend/batch_top_n';
import { buildSeenItems } from '../recommend/seen_items';
import {
  evaluateRanking,
  mostPopularTopN,
  rankingMetrics,
  relevantItemsByUser,
  sampleUsers,
} from './ranking';

beforeAll(useCpuBackend);

/**
 * Two users, five items, k = 1, mu = 3. User 0: p = 1. User 1 is unknown.
 * Items: q = (2, -1, 0, 1, 5), b_i = (0, 0, 1, 0.5, 0); item 4 is unknown.
 * Ranking scores q_i p_u + b_i for user 0: 2, -1, 1, 1.5 and 0 for the unknown item, so
 * the order is 0, 3, 2, 4, 1. For the unknown user only b_i counts: order 2, 3, then ties.
 */
function exampleModel(): LfmModel {
  return LfmModel.fromArrays({
    users: 2,
    items: 5,
    k: 1,
    scale: { min: 1, max: 5, step: 1 },
    mu: 3,
    userEmbedding: Float32Array.of(1, 7),
    itemEmbedding: Float32Array.of(2, -1, 0, 1, 5),
    userBias: Float32Array.of(0.3, 0),
    itemBias: Float32Array.of(0, 0, 1, 0.5, 0),
    knownUsers: Uint8Array.of(1, 0),
    knownItems: Uint8Array.of(1, 1, 1, 1, 0),
  });
}

describe('rankingMetrics', () => {
  it('matches hand-computed values for two users', () => {
    // User 0: one of two relevant items at rank 2. DCG = 1/log2(3) = 0.630930,
    // ideal DCG = 1 + 1/log2(3) = 1.630930, NDCG = 0.386853. User 1: no hit.
    const relevant = new Map([
      [0, new Set([2, 9])],
      [1, new Set([4])],
    ]);
    const topItems = Int32Array.of(5, 2, 7, 1, -1, -1);

    const metrics = rankingMetrics(Int32Array.of(0, 1), topItems, relevant, 3);

    expect(metrics.precision).toBeCloseTo(1 / 6, 6);
    expect(metrics.recall).toBeCloseTo(0.25, 6);
    expect(metrics.ndcg).toBeCloseTo(0.386853 / 2, 5);
    expect(metrics.hitRate).toBeCloseTo(0.5, 6);
  });

  it('gives 1 everywhere for a perfect list', () => {
    const relevant = new Map([[0, new Set([3, 4])]]);

    const metrics = rankingMetrics(Int32Array.of(0), Int32Array.of(4, 3), relevant, 2);

    expect(metrics).toEqual({ precision: 1, recall: 1, ndcg: 1, hitRate: 1 });
  });

  it('caps the ideal DCG at the cutoff', () => {
    // Three relevant items, cutoff 2, one hit at rank 1: NDCG = 1 / (1 + 1/log2(3)).
    const relevant = new Map([[0, new Set([1, 2, 3])]]);

    const metrics = rankingMetrics(Int32Array.of(0), Int32Array.of(1, 8), relevant, 2);

    expect(metrics.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 6);
    expect(metrics.recall).toBeCloseTo(1 / 3, 6);
    expect(metrics.precision).toBeCloseTo(0.5, 6);
  });

  it('returns NaN for no users', () => {
    const metrics = rankingMetrics(new Int32Array(0), new Int32Array(0), new Map(), 10);

    expect(metrics.precision).toBeNaN();
    expect(metrics.hitRate).toBeNaN();
  });
});

describe('relevantItemsByUser', () => {
  it('keeps ratings at or above the threshold', () => {
    const test = triples([
      [0, 1, 4],
      [0, 2, 3.5],
      [1, 3, 5],
      [0, 4, 4.5],
    ]);

    const relevant = relevantItemsByUser(test, 4);

    expect([...relevant.keys()].sort()).toEqual([0, 1]);
    expect([...(relevant.get(0) ?? [])].sort()).toEqual([1, 4]);
    expect([...(relevant.get(1) ?? [])]).toEqual([3]);
  });
});

describe('mostPopularTopN', () => {
  it('ranks unseen items by training count', () => {
    // Counts: item 0: 1, item 1: 3, item 2: 2, item 3: 2, item 4: 0.
    const train = triples([
      [0, 1, 5],
      [1, 1, 4],
      [2, 1, 3],
      [1, 2, 4],
      [2, 2, 4],
      [1, 3, 2],
      [2, 3, 1],
      [2, 0, 3],
    ]);
    const seen = buildSeenItems(train, 3);

    const top = mostPopularTopN(train, 5, Int32Array.of(0, 2), 3, seen);

    // User 0 saw item 1; ties (items 2 and 3) go to the lower index.
    expect(Array.from(top.subarray(0, 3))).toEqual([2, 3, 0]);
    // User 2 saw items 0 to 3, so only item 4 is left.
    expect(Array.from(top.subarray(3, 6))).toEqual([4, -1, -1]);
  });
});

describe('topNForUsers', () => {
  it('ranks by prediction, leaving out seen items', async () => {
    const model = exampleModel();
    const seen = buildSeenItems(triples([[0, 0, 5]]), 2);

    const top = await topNForUsers(model, Int32Array.of(0, 1), 2, seen);

    expect(Array.from(top.items)).toEqual([3, 2, 2, 3]);
    model.dispose();
  });

  it('pads with -1 when few items are unseen', async () => {
    const model = exampleModel();
    const seen = buildSeenItems(
      triples([
        [0, 0, 5],
        [0, 1, 5],
        [0, 2, 5],
        [0, 3, 5],
      ]),
      2,
    );

    const top = await topNForUsers(model, Int32Array.of(0), 3, seen);

    expect(Array.from(top.items)).toEqual([4, -1, -1]);
    expect(Number.isNaN(top.scores[1])).toBe(true);
    model.dispose();
  });

  it('breaks ties by the lower item index', async () => {
    // Zero embeddings and biases give every item the score mu.
    const model = LfmModel.fromArrays({
      users: 1,
      items: 6,
      k: 2,
      scale: { min: 1, max: 5, step: 1 },
      mu: 3,
      userEmbedding: new Float32Array(2),
      itemEmbedding: new Float32Array(12),
      userBias: new Float32Array(1),
      itemBias: new Float32Array(6),
      knownUsers: Uint8Array.of(1),
      knownItems: new Uint8Array(6).fill(1),
    });
    const seen = buildSeenItems(triples([[0, 1, 5]]), 1);

    const top = await topNForUsers(model, Int32Array.of(0), 3, seen);

    expect(Array.from(top.items)).toEqual([0, 2, 3]);
    expect(Array.from(top.scores)).toEqual([3, 3, 3]);
    model.dispose();
  });

  it('frees every tensor it creates', async () => {
    const model = exampleModel();
    const seen = buildSeenItems(triples([[0, 0, 5]]), 2);
    const before = tf.memory().numTensors;

    await topNForUsers(model, Int32Array.of(0, 1), 2, seen);

    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('rejects a user outside the table', async () => {
    const model = exampleModel();
    const seen = buildSeenItems(triples([[0, 0, 5]]), 2);

    await expect(topNForUsers(model, Int32Array.of(2), 2, seen)).rejects.toMatchObject({
      code: 'unknown-user',
    });
    model.dispose();
  });

  it('matches brute-force scores on a random model', async () => {
    const users = 40;
    const items = 30;
    const k = 3;
    const rng = createRng(7);
    const uniform = () => rng() * 2 - 1;
    const arrays = {
      users,
      items,
      k,
      scale: { min: 1, max: 5, step: 1 },
      mu: 3.5,
      userEmbedding: Float32Array.from({ length: users * k }, uniform),
      itemEmbedding: Float32Array.from({ length: items * k }, uniform),
      userBias: Float32Array.from({ length: users }, uniform),
      itemBias: Float32Array.from({ length: items }, uniform),
      knownUsers: Uint8Array.from({ length: users }, (_, user) => (user % 7 === 3 ? 0 : 1)),
      knownItems: Uint8Array.from({ length: items }, (_, item) => (item % 11 === 5 ? 0 : 1)),
    };
    const model = LfmModel.fromArrays(arrays);
    const rated: [number, number, number][] = [];
    for (let user = 0; user < users; user++) {
      for (let item = user % 4; item < items; item += 4 + (user % 3)) rated.push([user, item, 4]);
    }
    const seen = buildSeenItems(triples(rated), users);
    const count = 5;

    const top = await topNForUsers(
      model,
      Int32Array.from({ length: users }, (_, u) => u),
      count,
      seen,
    );

    for (let user = 0; user < users; user++) {
      const seenItems = new Set(rated.filter(([u]) => u === user).map(([, item]) => item));
      const userKnown = arrays.knownUsers[user] === 1;
      const expected = Array.from({ length: items }, (_, item) => {
        const itemKnown = arrays.knownItems[item] === 1;
        let score = arrays.mu;
        if (userKnown) score += arrays.userBias[user] as number;
        if (itemKnown) score += arrays.itemBias[item] as number;
        if (userKnown && itemKnown) {
          for (let factor = 0; factor < k; factor++) {
            score +=
              (arrays.userEmbedding[user * k + factor] as number) *
              (arrays.itemEmbedding[item * k + factor] as number);
          }
        }
        return { item, score };
      })
        .filter(({ item }) => !seenItems.has(item))
        .sort((a, b) => b.score - a.score)
        .slice(0, count);

      const row = Array.from(top.items.subarray(user * count, (user + 1) * count));
      expect(row).toEqual(expected.map(({ item }) => item));
      expected.forEach(({ score }, rank) => {
        expect(top.scores[user * count + rank]).toBeCloseTo(Math.min(5, Math.max(1, score)), 5);
      });
    }
    model.dispose();
  });
});

describe('userBatchSize', () => {
  it.each([
    [10, 256],
    [9_724, 256],
    [59_047, 42],
    [10_000_000, 16],
  ])('scores %i items in batches of %i users', (items, expected) => {
    expect(userBatchSize(items)).toBe(expected);
  });
});

describe('evaluateRanking', () => {
  it('scores the model and the most-popular baseline', async () => {
    const model = exampleModel();
    // Training: user 0 rated item 0; user 1 rated items 1 and 4 (popularity 1 each).
    const train = triples([
      [0, 0, 5],
      [1, 1, 3],
      [1, 4, 3],
    ]);
    // Relevant: user 0 -> item 3; user 1 -> item 2. Item 1 for user 0 is not relevant.
    const test = triples([
      [0, 3, 4],
      [0, 1, 2],
      [1, 2, 5],
    ]);

    const report = await evaluateRanking(model, train, test, {
      cutoff: 1,
      relevantMin: 4,
      maxUsers: 10,
    });

    // Model top 1: user 0 -> item 3 (hit), user 1 -> item 2 (hit).
    expect(report.users).toBe(2);
    expect(report.eligibleUsers).toBe(2);
    expect(report.model).toEqual({ precision: 1, recall: 1, ndcg: 1, hitRate: 1 });
    // Popular top 1: user 0 -> item 1 (miss), user 1 -> item 0 (miss).
    expect(report.mostPopular).toEqual({ precision: 0, recall: 0, ndcg: 0, hitRate: 0 });
    model.dispose();
  });

  it('evaluates a sample of at most maxUsers', async () => {
    const model = exampleModel();
    const train = triples([[0, 0, 5]]);
    const test = triples([
      [0, 3, 4],
      [1, 2, 5],
    ]);

    const report = await evaluateRanking(model, train, test, {
      cutoff: 1,
      relevantMin: 4,
      maxUsers: 1,
    });

    expect(report.users).toBe(1);
    expect(report.eligibleUsers).toBe(2);
    model.dispose();
  });
});

describe('sampleUsers', () => {
  const users = Int32Array.from({ length: 100 }, (_, index) => index * 3);

  it('keeps every user up to the limit', () => {
    expect(sampleUsers(users, 100)).toBe(users);
  });

  it('draws the same sorted sample every time', () => {
    const sample = sampleUsers(users, 10);

    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect([...sample]).toEqual([...sample].sort((a, b) => a - b));
    for (const user of sample) expect(user % 3).toBe(0);
    expect(sampleUsers(users, 10)).toEqual(sample);
  });
});
