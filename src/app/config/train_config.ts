import {
  DEFAULT_SGD_LEARNING_RATE,
  DEFAULT_TRAIN_CONFIG,
  FUSED_SGD_PRESET,
  NOTEBOOK_PRESET,
  TRAINING_PATHS,
  stepSizeOf,
  trainingPathOf,
  validateTrainConfig,
  type TrainingPath,
} from '../../core/model/config';
import type { TrainConfig } from '../../worker/protocol';
import type { ConfigDraft } from '../store/state';

export {
  DEFAULT_SGD_LEARNING_RATE,
  DEFAULT_TRAIN_CONFIG,
  FUSED_SGD_PRESET,
  NOTEBOOK_PRESET,
  stepSizeOf,
  trainingPathOf,
  type TrainingPath,
};

export type ConfigField = keyof TrainConfig;

/** Fields the worker fills in when they are left out. An empty input leaves the field out. */
const OPTIONAL_FIELDS: ReadonlySet<ConfigField> = new Set([
  'biasL2',
  'learningRateDecay',
  'sgdLearningRate',
]);

/**
 * Returns the settings the form starts with: the fused SGD preset, which trains over 100
 * times faster per epoch than Adam on WASM at about the same test RMSE (docs/benchmarks.md),
 * or Adam's defaults when the URL requests `path=adam`.
 */
export function initialTrainConfig(
  urlFields: Partial<Record<keyof TrainConfig, string>>,
): TrainConfig {
  return urlFields.trainingPath === 'adam' ? DEFAULT_TRAIN_CONFIG : FUSED_SGD_PRESET;
}

export type ConfigErrors = Partial<Record<ConfigField, string>>;

export interface ParsedConfig {
  /** The config, or null while any field is invalid. */
  config: TrainConfig | null;
  errors: ConfigErrors;
}

/**
 * Parses every field of the draft and checks it against the core's ranges, so the UI and the
 * worker agree on what is valid. Returns one message per invalid field.
 */
export function parseConfigDraft(draft: ConfigDraft): ParsedConfig {
  const errors: ConfigErrors = {};
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG };

  for (const field of Object.keys(draft) as ConfigField[]) {
    const text = draft[field].trim();
    if (text === '' && OPTIONAL_FIELDS.has(field)) {
      delete config[field];
      continue;
    }
    if (text === '') {
      errors[field] = 'Enter a value.';
      continue;
    }
    if (field === 'trainingPath') {
      const path = TRAINING_PATHS.find((name) => name === text);
      if (path === undefined)
        errors[field] = `Choose ${TRAINING_PATHS.join(' or ')}, got "${text}".`;
      else config.trainingPath = path;
      continue;
    }

    const value = Number(text);
    if (Number.isNaN(value)) {
      errors[field] = `Enter a number, got "${text}".`;
      continue;
    }

    const message = checkField(field, value);
    if (message !== null) {
      errors[field] = message;
      continue;
    }
    config[field] = value;
  }

  const isValid = Object.keys(errors).length === 0;
  return { config: isValid ? config : null, errors };
}

/** Checks one field with the core's validator, keeping the others at their defaults. */
function checkField(field: ConfigField, value: number): string | null {
  try {
    validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, [field]: value });
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The core writes "Training config: <field> must be ...", and next to the field the label
    // already names it.
    const prefix = `Training config: ${field} `;
    if (!message.startsWith(prefix)) return message;
    const rest = message.slice(prefix.length);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
}

/**
 * Returns the settings of a trained model in words, with the fields its training path reads:
 * "fused SGD, step 0.05 (× 0.9 per epoch), L2 0.1, bias L2 0.05, 80 epochs max, seed 42", or
 * "Adam, learning rate 0.007 (× 0.83 per epoch), L2 0.06, bias L2 0.016, batch 1000, ...".
 */
export function describeTrainingSettings(config: TrainConfig): string {
  const decay =
    config.learningRateDecay === undefined || config.learningRateDecay === 1
      ? ''
      : ` (× ${config.learningRateDecay} per epoch)`;
  const biasL2 = config.biasL2 === undefined ? '' : `, bias L2 ${config.biasL2}`;
  const update =
    trainingPathOf(config) === 'fused-sgd'
      ? `fused SGD, step ${stepSizeOf(config)}${decay}, L2 ${config.l2}${biasL2}`
      : `Adam, learning rate ${config.learningRate}${decay}, L2 ${config.l2}${biasL2}, batch ${config.batchSize}`;
  return `${update}, ${config.epochs} epochs max, seed ${config.seed}`;
}

/** True when every field of the draft equals the same field of `preset`. */
export function matchesPreset(draft: ConfigDraft, preset: TrainConfig): boolean {
  return (Object.keys(draft) as ConfigField[]).every((field) => {
    const text = draft[field].trim();
    if (field === 'trainingPath') return text === (preset.trainingPath ?? 'adam');
    const value = preset[field];
    if (value === undefined) return text === '';
    return text !== '' && Number(text) === value;
  });
}
