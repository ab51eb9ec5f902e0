import * as tf from '@tensorflow/tfjs-core';

import type { RatingScale, RatingTriples } from '../data/dataset';
import { LfmError } from '../errors';
import { createRng, truncatedNormalArray } from '../data/random';
import {
  ERROR_SUMS_KERNEL,
  PREDICT_KERNEL,
  registerScoringKernels,
} from './kernels/scoring_kernels';

/** Table sizes and rating scale of the data set a model is trained on. */
export interface ModelInfo {
  users: number;
  items: number;
  scale: RatingScale;
}

/** Settings that decide a new model's starting parameters. */
export interface InitSettings {
  k: number;
  initStd: number;
  seed: number;
}

/**
 * The parameters as tensors: P (users x k), Q (items x k), b_u (users) and b_i (items).
 * The names follow docs/notation.md.
 */
export interface ModelWeights {
  userEmbedding: tf.Tensor2D;
  itemEmbedding: tf.Tensor2D;
  userBias: tf.Tensor1D;
  itemBias: tf.Tensor1D;
}

/** The parameters as the model's trainable variables. */
export interface ModelVariables extends ModelWeights {
  userEmbedding: tf.Variable<tf.Rank.R2>;
  itemEmbedding: tf.Variable<tf.Rank.R2>;
  userBias: tf.Variable<tf.Rank.R1>;
  itemBias: tf.Variable<tf.Rank.R1>;
}

/** A model in plain typed arrays, for serialisation and for crossing the worker boundary. */
export interface ModelArrays extends ModelInfo {
  k: number;
  /** Mean training rating. */
  mu: number;
  /** P in row-major order, users x k. */
  userEmbedding: Float32Array;
  /** Q in row-major order, items x k. */
  itemEmbedding: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  /** 1 where the user has at least one training rating, else 0. */
  knownUsers: Uint8Array;
  /** 1 where the item has at least one training rating, else 0. */
  knownItems: Uint8Array;
}

/** Ratings predicted per call to the backend; bounds the size of the gathered rows. */
const PREDICT_CHUNK = 65_536;

let nextModelId = 0;

/**
 * The biased latent factor model r̂_ui = mu + b_u + b_i + p_u · q_i. The parameters live
 * on the current TF.js backend as variables; mu is a constant. An unknown user or item
 * (one with no training rating) contributes neither its bias nor its embedding, so its
 * predictions fall back to mu plus whichever bias is known.
 */
export class LfmModel {
  readonly userEmbedding: tf.Variable<tf.Rank.R2>;
  readonly itemEmbedding: tf.Variable<tf.Rank.R2>;
  readonly userBias: tf.Variable<tf.Rank.R1>;
  readonly itemBias: tf.Variable<tf.Rank.R1>;
  readonly knownUsers: Uint8Array;
  readonly knownItems: Uint8Array;

  /** 1 for a known user, 0 for an unknown one, as float32 on the backend. */
  private readonly knownUserMask: tf.Tensor1D;
  private readonly knownItemMask: tf.Tensor1D;
  private disposed = false;

  private constructor(
    readonly info: ModelInfo,
    readonly k: number,
    readonly mu: number,
    weights: ModelWeights,
    knownUsers: Uint8Array,
    knownItems: Uint8Array,
  ) {
    // Variable names must be unique in the engine, and Adam finds variables by name.
    const prefix = `lfm${nextModelId++}`;
    this.userEmbedding = tf.variable(weights.userEmbedding, true, `${prefix}/userEmbedding`);
    this.itemEmbedding = tf.variable(weights.itemEmbedding, true, `${prefix}/itemEmbedding`);
    this.userBias = tf.variable(weights.userBias, true, `${prefix}/userBias`);
    this.itemBias = tf.variable(weights.itemBias, true, `${prefix}/itemBias`);
    this.knownUsers = knownUsers;
    this.knownItems = knownItems;
    this.knownUserMask = tf.tensor1d(Float32Array.from(knownUsers), 'float32');
    this.knownItemMask = tf.tensor1d(Float32Array.from(knownItems), 'float32');
  }

  /**
   * Creates an untrained model: embeddings from a seeded truncated normal with standard
   * deviation `initStd`, biases 0, mu the mean training rating. Throws `no-ratings` for an
   * empty training set and `invalid-format` for an index outside the tables.
   */
  static initialize(train: RatingTriples, info: ModelInfo, settings: InitSettings): LfmModel {
    validateInfo(info);
    const { knownUsers, knownItems } = countKnown(train, info);
    const random = createRng(settings.seed);
    const userValues = truncatedNormalArray(info.users * settings.k, settings.initStd, random);
    const itemValues = truncatedNormalArray(info.items * settings.k, settings.initStd, random);

    let sum = 0;
    for (const rating of train.rating) sum += rating;
    const mu = sum / train.rating.length;

    const weights: ModelWeights = {
      userEmbedding: tf.tensor2d(userValues, [info.users, settings.k]),
      itemEmbedding: tf.tensor2d(itemValues, [info.items, settings.k]),
      userBias: tf.zeros([info.users]),
      itemBias: tf.zeros([info.items]),
    };
    const model = new LfmModel(info, settings.k, mu, weights, knownUsers, knownItems);
    disposeWeights(weights);
    return model;
  }

  /** Rebuilds a model from `toArrays` output. Throws `invalid-model-file` on bad lengths. */
  static fromArrays(arrays: ModelArrays): LfmModel {
    validateInfo(arrays);
    const { users, items, k } = arrays;
    const expected: [string, number, number][] = [
      ['userEmbedding', arrays.userEmbedding.length, users * k],
      ['itemEmbedding', arrays.itemEmbedding.length, items * k],
      ['userBias', arrays.userBias.length, users],
      ['itemBias', arrays.itemBias.length, items],
      ['knownUsers', arrays.knownUsers.length, users],
      ['knownItems', arrays.knownItems.length, items],
    ];
    for (const [name, actual, wanted] of expected) {
      if (actual !== wanted) {
        throw new LfmError(
          'invalid-model-file',
          `Model arrays: ${name} must have ${wanted} values for ${users} users, ${items} items and k ${k}, got ${actual}. Export the model again.`,
        );
      }
    }
    if (!Number.isInteger(k) || k < 1 || !Number.isFinite(arrays.mu)) {
      throw new LfmError(
        'invalid-model-file',
        `Model arrays: k must be a positive integer and mu finite, got k ${k} and mu ${arrays.mu}. Export the model again.`,
      );
    }

    const weights: ModelWeights = {
      userEmbedding: tf.tensor2d(arrays.userEmbedding, [users, k]),
      itemEmbedding: tf.tensor2d(arrays.itemEmbedding, [items, k]),
      userBias: tf.tensor1d(arrays.userBias),
      itemBias: tf.tensor1d(arrays.itemBias),
    };
    const info = { users, items, scale: { ...arrays.scale } };
    const model = new LfmModel(
      info,
      k,
      arrays.mu,
      weights,
      Uint8Array.from(arrays.knownUsers),
      Uint8Array.from(arrays.knownItems),
    );
    disposeWeights(weights);
    return model;
  }

  /** The trainable variables. */
  variables(): ModelVariables {
    this.assertAlive();
    return {
      userEmbedding: this.userEmbedding,
      itemEmbedding: this.itemEmbedding,
      userBias: this.userBias,
      itemBias: this.itemBias,
    };
  }

  /**
   * Predicts on the backend with the fallback rule and clipping to the rating scale.
   * `users` and `items` are int32 index tensors of one length; the caller owns the result.
   * Runs the one-loop `LfmPredict` kernel on the backends that have it, else TF.js ops.
   */
  predictTensor(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
    this.assertAlive();
    registerScoringKernels();
    if (tf.getKernel(PREDICT_KERNEL, tf.getBackend()) !== undefined) {
      const [predicted] = tf
        .engine()
        .runKernel(
          PREDICT_KERNEL,
          { ...this.scoringTables(), users, items },
          this.scoringSettings(),
        ) as tf.Tensor1D[];
      return predicted as tf.Tensor1D;
    }
    return this.predictTensorWithOps(users, items);
  }

  /** `predictTensor` with generic TF.js ops, on every backend. */
  predictTensorWithOps(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
    this.assertAlive();
    return tf.tidy(() => {
      const userKnown = tf.gather(this.knownUserMask, users);
      const itemKnown = tf.gather(this.knownItemMask, items);
      const dot = tf.sum(
        tf.mul(tf.gather(this.userEmbedding, users), tf.gather(this.itemEmbedding, items)),
        1,
      );
      const deviation = tf.addN([
        tf.mul(userKnown, tf.gather(this.userBias, users)),
        tf.mul(itemKnown, tf.gather(this.itemBias, items)),
        tf.mul(tf.mul(userKnown, itemKnown), dot),
      ]);
      const rating = tf.add(deviation, this.mu);
      return tf.clipByValue(rating, this.info.scale.min, this.info.scale.max) as tf.Tensor1D;
    });
  }

  /**
   * Squared and absolute error sums of the clipped predictions against `ratings`, shape [2].
   * Runs the one-loop `LfmErrorSums` kernel on the backends that have it, else TF.js ops over
   * `predictTensor`. Indices are not checked.
   */
  errorSumsTensor(users: tf.Tensor1D, items: tf.Tensor1D, ratings: tf.Tensor1D): tf.Tensor1D {
    this.assertAlive();
    registerScoringKernels();
    if (tf.getKernel(ERROR_SUMS_KERNEL, tf.getBackend()) !== undefined) {
      const [sums] = tf
        .engine()
        .runKernel(
          ERROR_SUMS_KERNEL,
          { ...this.scoringTables(), users, items, ratings },
          this.scoringSettings(),
        ) as tf.Tensor1D[];
      return sums as tf.Tensor1D;
    }
    return tf.tidy(() => {
      const error = tf.sub(ratings, this.predictTensor(users, items));
      return tf.stack([tf.sum(tf.square(error)), tf.sum(tf.abs(error))]) as tf.Tensor1D;
    });
  }

  /** Returns the inputs of the scoring kernels that come from the model. */
  private scoringTables(): tf.NamedTensorMap {
    return {
      userEmbedding: this.userEmbedding,
      itemEmbedding: this.itemEmbedding,
      userBias: this.userBias,
      itemBias: this.itemBias,
      knownUsers: this.knownUserMask,
      knownItems: this.knownItemMask,
    };
  }

  private scoringSettings(): tf.NamedAttrMap {
    return { mu: this.mu, min: this.info.scale.min, max: this.info.scale.max };
  }

  /**
   * Predicted ratings for the pairs (users[j], items[j]), clipped to the rating scale.
   * Throws `invalid-format` for an index outside the tables.
   */
  async predict(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    this.assertAlive();
    validateIndices(users, items, this.info, 'Model.predict');
    const result = new Float32Array(users.length);
    for (let start = 0; start < users.length; start += PREDICT_CHUNK) {
      const end = Math.min(start + PREDICT_CHUNK, users.length);
      const predicted = tf.tidy(() =>
        this.predictTensor(
          tf.tensor1d(users.subarray(start, end), 'int32'),
          tf.tensor1d(items.subarray(start, end), 'int32'),
        ),
      );
      result.set(await predicted.data(), start);
      predicted.dispose();
    }
    return result;
  }

  /** Copies of the current parameters; the caller owns them. Nothing is read to JavaScript. */
  snapshot(): ModelWeights {
    this.assertAlive();
    return {
      userEmbedding: tf.clone(this.userEmbedding),
      itemEmbedding: tf.clone(this.itemEmbedding),
      userBias: tf.clone(this.userBias),
      itemBias: tf.clone(this.itemBias),
    };
  }

  /** Sets the parameters to a snapshot's values. The snapshot stays owned by the caller. */
  restore(weights: ModelWeights): void {
    this.assertAlive();
    this.userEmbedding.assign(weights.userEmbedding);
    this.itemEmbedding.assign(weights.itemEmbedding);
    this.userBias.assign(weights.userBias);
    this.itemBias.assign(weights.itemBias);
  }

  /** Reads the parameters into typed arrays. */
  async toArrays(): Promise<ModelArrays> {
    this.assertAlive();
    const [userEmbedding, itemEmbedding, userBias, itemBias] = await Promise.all([
      this.userEmbedding.data<'float32'>(),
      this.itemEmbedding.data<'float32'>(),
      this.userBias.data<'float32'>(),
      this.itemBias.data<'float32'>(),
    ]);
    return {
      users: this.info.users,
      items: this.info.items,
      scale: { ...this.info.scale },
      k: this.k,
      mu: this.mu,
      userEmbedding,
      itemEmbedding,
      userBias,
      itemBias,
      knownUsers: Uint8Array.from(this.knownUsers),
      knownItems: Uint8Array.from(this.knownItems),
    };
  }

  /** Frees every tensor the model holds. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const tensor of [
      this.userEmbedding,
      this.itemEmbedding,
      this.userBias,
      this.itemBias,
      this.knownUserMask,
      this.knownItemMask,
    ]) {
      tensor.dispose();
    }
  }

  private assertAlive(): void {
    if (this.disposed) {
      throw new LfmError(
        'not-trained',
        'Model: this model was disposed. Train or load a model again.',
      );
    }
  }
}

/** Frees the four tensors of a snapshot. */
export function disposeWeights(weights: ModelWeights): void {
  weights.userEmbedding.dispose();
  weights.itemEmbedding.dispose();
  weights.userBias.dispose();
  weights.itemBias.dispose();
}

function validateInfo(info: ModelInfo): void {
  const { users, items, scale } = info;
  if (!Number.isInteger(users) || users < 1 || !Number.isInteger(items) || items < 1) {
    throw new LfmError(
      'no-ratings',
      `Model: users and items must be positive integers, got ${users} users and ${items} items. Load a data set with ratings.`,
    );
  }
  if (!(Number.isFinite(scale.min) && Number.isFinite(scale.max) && scale.min <= scale.max)) {
    throw new LfmError(
      'invalid-format',
      `Model: the rating scale must have finite min <= max, got ${scale.min} to ${scale.max}.`,
    );
  }
}

function validateIndices(
  users: Int32Array,
  items: Int32Array,
  info: ModelInfo,
  label: string,
): void {
  if (users.length !== items.length) {
    throw new LfmError(
      'invalid-format',
      `${label}: users and items must have the same length, got ${users.length} and ${items.length}.`,
    );
  }
  for (let index = 0; index < users.length; index++) {
    const user = users[index] as number;
    const item = items[index] as number;
    if (user < 0 || user >= info.users || item < 0 || item >= info.items) {
      throw new LfmError(
        'invalid-format',
        `${label}: pair ${index} must have a user below ${info.users} and an item below ${info.items}, got user ${user}, item ${item}.`,
        { value: `${user},${item}` },
      );
    }
  }
}

/**
 * Checks that the three arrays have one length and every index lies inside the tables.
 * Throws `invalid-format` naming `label` otherwise.
 */
export function validateTriples(triples: RatingTriples, info: ModelInfo, label: string): void {
  const { user, item, rating } = triples;
  if (user.length !== rating.length || item.length !== rating.length) {
    throw new LfmError(
      'invalid-format',
      `${label}: user, item and rating arrays must have one length, got ${user.length}, ${item.length} and ${rating.length}.`,
    );
  }
  validateIndices(user, item, info, label);
}

/** Marks users and items with at least one training rating; validates the triples. */
function countKnown(
  train: RatingTriples,
  info: ModelInfo,
): { knownUsers: Uint8Array; knownItems: Uint8Array } {
  if (train.rating.length === 0) {
    throw new LfmError(
      'no-ratings',
      'Training set: it must contain ratings, got none. Load a larger data set.',
    );
  }
  validateTriples(train, info, 'Training set');

  const knownUsers = new Uint8Array(info.users);
  const knownItems = new Uint8Array(info.items);
  for (let index = 0; index < train.rating.length; index++) {
    knownUsers[train.user[index] as number] = 1;
    knownItems[train.item[index] as number] = 1;
  }
  return { knownUsers, knownItems };
}
