/**
 * The model file: the trained model with its catalogue, settings and test report, written
 * for download and read back into a model the explorer can use.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Movie } from '../core/data/dataset';
import { IdMap } from '../core/data/id_map';
import type { TestReport } from '../core/eval/evaluate';
import { LfmModel } from '../core/model/lfm_model';
import { decodeModelFile, encodeModelFile, type JsonValue } from '../core/model/serialize';
import type { Catalog } from '../core/recommend/catalog';
import { selectBackend } from './backend';
import type { ModelSummary } from './protocol';
import type { TrainedState } from './trained_state';

type MovieEntry = [id: number, title: string, genres: string[], year: number | null];

export async function writeModelFile({
  model,
  catalog,
  config,
  report,
}: TrainedState): Promise<Uint8Array> {
  const weights = await model.toArrays();
  return encodeModelFile({
    datasetName: catalog.datasetName,
    config,
    metrics: report === null ? null : (JSON.parse(JSON.stringify(report)) as JsonValue),
    weights,
    userIds: catalog.users.toArray(),
    itemIds: catalog.items.toArray(),
    seen: catalog.rated,
    seenRatings: catalog.ratedValues,
    metadata: { movies: moviesToJson(catalog.movies) },
  });
}

/** Reads a model file onto the active backend, starting `auto` when none is active yet. */
export async function readModelFile(bytes: Uint8Array): Promise<TrainedState> {
  const contents = decodeModelFile(bytes);
  if (tf.getBackend() === undefined || tf.getBackend() === '') await selectBackend('auto');
  const model = LfmModel.fromArrays(contents.weights);
  const catalog: Catalog = {
    datasetName: contents.datasetName,
    users: IdMap.fromRawIds(contents.userIds),
    items: IdMap.fromRawIds(contents.itemIds),
    rated: contents.seen,
    ratedValues: contents.seenRatings,
    movies: moviesFromJson(contents.metadata),
  };
  const report = isTestReport(contents.metrics) ? contents.metrics : null;
  return { model, catalog, config: contents.config, report };
}

export function modelSummary({ model, catalog, config, report }: TrainedState): ModelSummary {
  return {
    datasetName: catalog.datasetName,
    config: { ...config },
    users: model.info.users,
    items: model.info.items,
    hasMovies: catalog.movies !== null,
    test: report === null ? null : { ...report.test },
  };
}

function moviesToJson(movies: Map<number, Movie> | null): JsonValue {
  if (movies === null) return null;
  return Array.from(movies.values(), (movie): JsonValue => [
    movie.id,
    movie.title,
    movie.genres,
    movie.year,
  ]);
}

function moviesFromJson(metadata: JsonValue): Map<number, Movie> | null {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return null;
  const entries = metadata.movies;
  if (!Array.isArray(entries)) return null;
  const movies = new Map<number, Movie>();
  for (const entry of entries as unknown as MovieEntry[]) {
    const [id, title, genres, year] = entry;
    movies.set(id, { id, title, genres, year });
  }
  return movies;
}

function isTestReport(value: JsonValue): value is JsonValue & TestReport {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'test' in value;
}
