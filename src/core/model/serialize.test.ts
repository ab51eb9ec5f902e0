import { beforeAll, describe, expect, it } from 'vitest';

import { buildSeenItems } from '../recommend/seen_items';
import { DEFAULT_TRAIN_CONFIG } from './config';
import { LfmModel } from './lfm_model';
import { decodeModelFile, encodeModelFile, type ModelFileContents } from './serialize';
import { triples, useCpuBackend } from './test_support';

beforeAll(useCpuBackend);

const info = { users: 4, items: 5, scale: { min: 0.5, max: 5, step: 0.5 } };
const train = triples([
  [0, 0, 4],
  [0, 3, 2.5],
  [1, 1, 5],
  [2, 4, 1],
  [2, 0, 3.5],
]);

async function exampleContents(): Promise<ModelFileContents> {
  const model = LfmModel.initialize(train, info, { k: 3, initStd: 0.5, seed: 2 });
  const weights = await model.toArrays();
  model.dispose();
  return {
    datasetName: 'ratings.csv',
    config: DEFAULT_TRAIN_CONFIG,
    metrics: { test: { mae: 0.7, mse: 0.8, rmse: 0.894 } },
    weights,
    userIds: Int32Array.of(10, 20, 30, 40),
    itemIds: Int32Array.of(101, 102, 103, 104, 105),
    seen: buildSeenItems(train, info.users),
    seenRatings: Float32Array.from(train.rating),
    metadata: { titles: ['Heat (1995)', 'Amélie (2001)', '', 'Se7en', 'Up'] },
  };
}

describe('model file', () => {
  it('round-trips every field', async () => {
    const contents = await exampleContents();

    const decoded = decodeModelFile(encodeModelFile(contents));

    expect(decoded).toEqual(contents);
  });

  it('gives identical predictions after a round trip', async () => {
    const contents = await exampleContents();
    const original = LfmModel.fromArrays(contents.weights);
    const loaded = LfmModel.fromArrays(decodeModelFile(encodeModelFile(contents)).weights);
    const users = Int32Array.of(0, 1, 2, 3, 0, 2);
    const items = Int32Array.of(0, 1, 2, 3, 4, 4);

    expect(await loaded.predict(users, items)).toEqual(await original.predict(users, items));
    original.dispose();
    loaded.dispose();
  });

  it('starts with the magic bytes and aligns the data', async () => {
    const bytes = encodeModelFile(await exampleContents());

    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('LFMS');
    const headerBytes = new DataView(bytes.buffer).getUint32(8, true);
    expect(headerBytes % 4).toBe(0);
    expect(bytes.length % 4).toBe(0);
  });

  it('decodes from an unaligned view', async () => {
    const bytes = encodeModelFile(await exampleContents());
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);

    const decoded = decodeModelFile(shifted.subarray(1));

    expect(decoded.weights.userEmbedding).toEqual((await exampleContents()).weights.userEmbedding);
  });

  it.each([
    ['an empty file', () => new Uint8Array(0)],
    [
      'other magic bytes',
      (bytes: Uint8Array) => bytes.map((value, index) => (index === 0 ? 0x50 : value)),
    ],
    [
      'another version',
      (bytes: Uint8Array) => {
        const copy = bytes.slice();
        new DataView(copy.buffer).setUint32(4, 99, true);
        return copy;
      },
    ],
    ['a truncated file', (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 8)],
    ['a cut header', (bytes: Uint8Array) => bytes.subarray(0, 40)],
    [
      'a broken header',
      (bytes: Uint8Array) => bytes.map((value, index) => (index === 12 ? 0x5b : value)),
    ],
  ])('rejects %s', async (_, corrupt) => {
    const bytes = encodeModelFile(await exampleContents());

    expect(() => decodeModelFile(corrupt(bytes))).toThrow(
      expect.objectContaining({ code: 'invalid-model-file' }),
    );
  });

  it('rejects a seen item outside the table', async () => {
    const contents = await exampleContents();
    contents.seen.indices[0] = 9;

    expect(() => decodeModelFile(encodeModelFile(contents))).toThrow(
      expect.objectContaining({ code: 'invalid-model-file' }),
    );
  });
});
