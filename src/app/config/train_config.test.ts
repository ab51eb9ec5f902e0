import { describe, expect, it } from 'vitest';

import { draftFromConfig } from '../store/state';
import {
  DEFAULT_TRAIN_CONFIG,
  describeTrainingSettings,
  FUSED_SGD_PRESET,
  NOTEBOOK_PRESET,
  initialTrainConfig,
  matchesPreset,
  parseConfigDraft,
} from './train_config';

describe('initialTrainConfig', () => {
  it('starts on the fused SGD preset', () => {
    expect(initialTrainConfig({})).toBe(FUSED_SGD_PRESET);
    expect(initialTrainConfig({ trainingPath: 'fused-sgd', k: '8' })).toBe(FUSED_SGD_PRESET);
  });

  it('starts on the Adam defaults for path=adam', () => {
    expect(initialTrainConfig({ trainingPath: 'adam' })).toBe(DEFAULT_TRAIN_CONFIG);
  });
});

describe('parseConfigDraft', () => {
  it('round-trips every preset', () => {
    for (const preset of [DEFAULT_TRAIN_CONFIG, FUSED_SGD_PRESET, NOTEBOOK_PRESET]) {
      const { config, errors } = parseConfigDraft(draftFromConfig(preset));

      expect(errors).toEqual({});
      // The draft always names a path; a preset without one trains with Adam.
      expect(config).toEqual({ trainingPath: 'adam', ...preset });
    }
  });

  it('names the field and value of an invalid path', () => {
    const draft = { ...draftFromConfig(FUSED_SGD_PRESET), trainingPath: 'sgd' };

    const { config, errors } = parseConfigDraft(draft);

    expect(config).toBeNull();
    expect(errors.trainingPath).toBe('Choose adam or fused-sgd, got "sgd".');
  });

  it('leaves an empty SGD step size to the worker', () => {
    const draft = { ...draftFromConfig(FUSED_SGD_PRESET), sgdLearningRate: '' };

    const { config } = parseConfigDraft(draft);

    expect(config?.sgdLearningRate).toBeUndefined();
  });
});

describe('matchesPreset', () => {
  it('tells the fused and Adam presets apart', () => {
    const fused = draftFromConfig(FUSED_SGD_PRESET);

    expect(matchesPreset(fused, FUSED_SGD_PRESET)).toBe(true);
    expect(matchesPreset(fused, DEFAULT_TRAIN_CONFIG)).toBe(false);
    expect(matchesPreset({ ...fused, trainingPath: 'adam' }, FUSED_SGD_PRESET)).toBe(false);
  });
});

describe('describeTrainingSettings', () => {
  it('names the SGD step on the fused path', () => {
    const text = describeTrainingSettings(FUSED_SGD_PRESET);

    expect(text).toBe(
      'fused SGD, step 0.05 (× 0.9 per epoch), L2 0.1, bias L2 0.05, 80 epochs max, seed 42',
    );
    expect(text).not.toContain('batch');
  });

  it('names the learning rate and batch on the Adam path', () => {
    const text = describeTrainingSettings(DEFAULT_TRAIN_CONFIG);

    expect(text).toContain('Adam, learning rate 0.007 (× 0.83 per epoch)');
    expect(text).toContain('batch 1000');
  });
});
