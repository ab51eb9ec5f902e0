import { describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG } from '../../core/model/config';
import type { DatasetSummary, ModelSummary } from '../../worker/protocol';
import { reduceSession } from './reducer';
import { createInitialState, draftFromConfig, type SessionState } from './state';

const MODEL: ModelSummary = {
  datasetName: 'u.data',
  config: DEFAULT_TRAIN_CONFIG,
  users: 943,
  items: 1682,
  hasMovies: false,
  test: null,
};

function summary(name: string): DatasetSummary {
  return {
    name,
    format: 'ml-1m',
    synthetic: false,
    ratings: 3,
    users: 2,
    items: 2,
    scale: { min: 1, max: 5, step: 1 },
    duplicates: 0,
    skipped: { count: 0, first: [] },
    histogram: [],
    hasMovies: false,
    hasUserProfiles: false,
    files: [name],
    notes: [],
  };
}

function trainedState(): SessionState {
  const initial = createInitialState(draftFromConfig(DEFAULT_TRAIN_CONFIG), 'auto');
  return { ...initial, dataset: summary('u.data'), model: MODEL, modelVersion: 1 };
}

describe('session reducer keeps the trained model', () => {
  it('keeps it when a new data set loads', () => {
    const state = reduceSession(trainedState(), {
      type: 'datasetLoaded',
      summary: summary('ratings.dat'),
    });

    expect(state.dataset?.name).toBe('ratings.dat');
    expect(state.model).toBe(MODEL);
    expect(state.modelVersion).toBe(1);
  });

  it('notes a same-name data set loaded after it', () => {
    const trained = trainedState();
    expect(trained.dataLoadedAfterModel).toBe(false);

    const state = reduceSession(trained, { type: 'datasetLoaded', summary: summary('u.data') });

    expect(state.dataLoadedAfterModel).toBe(true);
    expect(state.model).toBe(MODEL);
  });

  it('keeps it when loading fails', () => {
    const state = reduceSession(trainedState(), {
      type: 'loadFailed',
      error: { scope: 'load', code: 'invalid-format', message: 'bad' },
    });

    expect(state.model).toBe(MODEL);
    expect(state.dataset?.name).toBe('u.data');
  });

  it('keeps it through a run that fails', () => {
    let state = reduceSession(trainedState(), { type: 'trainingRequested' });
    state = reduceSession(state, {
      type: 'trainingFailed',
      error: { scope: 'train', code: 'backend-failed', message: 'lost' },
    });

    expect(state.model).toBe(MODEL);
    expect(state.run.status).toBe('failed');
  });

  it('drops it when the worker restarts', () => {
    const state = reduceSession(trainedState(), {
      type: 'workerRestarted',
      error: { scope: 'load', code: 'worker-crashed', message: 'restarted' },
    });

    expect(state.model).toBeNull();
    expect(state.dataset).toBeNull();
    expect(state.modelVersion).toBe(2);
    expect(state.lastError?.code).toBe('worker-crashed');
  });

  it('clears the epochs when a run restarts on another backend', () => {
    let state = reduceSession(trainedState(), { type: 'trainingRequested' });
    const started = {
      type: 'trainingStarted' as const,
      config: DEFAULT_TRAIN_CONFIG,
      backend: { name: 'webgpu' as const, reason: 'x', softwareAdapter: false },
      split: { seed: 1, train: 8, validation: 1, test: 1 },
    };
    state = reduceSession(state, started);
    state = reduceSession(state, {
      type: 'epochsEnded',
      metrics: [
        {
          epoch: 1,
          trainLoss: 1,
          l2: 0,
          trainMae: 1,
          valMse: 1,
          valMae: 1,
          valRmse: 1,
          seconds: 1,
        },
      ],
      totalEpochs: 3,
    });
    state = reduceSession(state, { ...started, backend: { ...started.backend, name: 'wasm' } });

    expect(state.run.epochs).toEqual([]);
    expect(state.backend?.name).toBe('wasm');
  });
});

describe('session reducer run phases', () => {
  it('moves an active run to scoring', () => {
    const training = trainedState();
    const active = { ...training, run: { ...training.run, status: 'training' as const } };

    const state = reduceSession(active, { type: 'scoringStarted' });

    expect(state.run.status).toBe('scoring');
  });

  it('ignores scoring when no run is active', () => {
    const idle = trainedState();

    expect(reduceSession(idle, { type: 'scoringStarted' })).toBe(idle);
  });
});
