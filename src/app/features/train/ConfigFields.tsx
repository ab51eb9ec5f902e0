import {
  DEFAULT_SGD_LEARNING_RATE,
  type ConfigErrors,
  type ConfigField,
} from '../../config/train_config';
import type { ConfigDraft } from '../../store/state';

interface FieldSpec {
  field: ConfigField;
  label: string;
  hint: string;
  step: string;
  /** Shown in an empty input whose field the worker fills in when left out. */
  placeholder?: string;
  /** The training path that reads the field; fields of the other path are hidden. */
  path?: 'adam' | 'fused-sgd';
}

// Tests and screen readers find inputs by label, so no label may contain another one's words.
const FIELDS: FieldSpec[] = [
  { field: 'k', label: 'Latent dimension', hint: 'k, embedding size', step: '1' },
  { field: 'epochs', label: 'Epochs', hint: 'maximum passes', step: '1' },
  {
    field: 'learningRate',
    label: 'Learning rate',
    hint: 'Adam step size',
    step: 'any',
    path: 'adam',
  },
  {
    field: 'sgdLearningRate',
    label: 'SGD step size',
    hint: 'per-rating update step',
    step: 'any',
    placeholder: `default ${DEFAULT_SGD_LEARNING_RATE}`,
    path: 'fused-sgd',
  },
  { field: 'l2', label: 'L2 regularization', hint: 'λ on p_u and q_i', step: 'any' },
  {
    field: 'biasL2',
    label: 'Bias L2',
    hint: 'λ_b on b_u and b_i',
    step: 'any',
    placeholder: 'same as L2',
  },
  {
    field: 'learningRateDecay',
    label: 'Decay',
    hint: 'step size × this per epoch',
    step: 'any',
    placeholder: 'none (1)',
  },
  {
    field: 'batchSize',
    label: 'Batch size',
    hint: 'ratings per step',
    step: '1',
    path: 'adam',
  },
  { field: 'seed', label: 'Seed', hint: 'split, init, shuffle', step: '1' },
  { field: 'patience', label: 'Patience', hint: 'early stop; 0 = off', step: '1' },
  { field: 'initStd', label: 'Init std', hint: 'σ of initial p, q', step: 'any' },
];

interface ConfigFieldsProps {
  draft: ConfigDraft;
  errors: ConfigErrors;
  disabled: boolean;
  onEdit: (field: ConfigField, text: string) => void;
}

/**
 * Renders the training settings of the draft's training path as number inputs, each with its
 * own validation message.
 */
export function ConfigFields({ draft, errors, disabled, onEdit }: ConfigFieldsProps) {
  const fields = FIELDS.filter(({ path }) => path === undefined || path === draft.trainingPath);
  return (
    <div className="config-grid">
      {fields.map(({ field, label, hint, step, placeholder }) => {
        const id = `config-${field}`;
        const error = errors[field];
        const describedBy = error !== undefined ? `${id}-error` : `${id}-hint`;
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              type="number"
              inputMode="decimal"
              step={step}
              value={draft[field]}
              placeholder={placeholder}
              disabled={disabled}
              aria-invalid={error !== undefined}
              aria-describedby={describedBy}
              onChange={(event) => onEdit(field, event.currentTarget.value)}
            />
            {error !== undefined ? (
              <span className="field-error" id={`${id}-error`}>
                {error}
              </span>
            ) : (
              <span className="field-hint" id={`${id}-hint`}>
                {hint}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
