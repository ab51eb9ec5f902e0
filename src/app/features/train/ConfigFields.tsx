import type { ConfigErrors, ConfigField } from '../../config/train_config';
import type { ConfigDraft } from '../../store/state';

interface FieldSpec {
  field: ConfigField;
  label: string;
  hint: string;
  step: string;
  /** Shown in an empty input whose field the worker fills in when left out. */
  placeholder?: string;
}

// Tests and screen readers find inputs by label, so no label may contain another one's words.
const FIELDS: FieldSpec[] = [
  { field: 'k', label: 'Latent dimension', hint: 'k, embedding size', step: '1' },
  { field: 'epochs', label: 'Epochs', hint: 'maximum passes', step: '1' },
  { field: 'learningRate', label: 'Learning rate', hint: 'Adam step size', step: 'any' },
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
  { field: 'batchSize', label: 'Batch size', hint: 'ratings per step', step: '1' },
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

/** Renders the training settings as number inputs, each with its own validation message. */
export function ConfigFields({ draft, errors, disabled, onEdit }: ConfigFieldsProps) {
  return (
    <div className="config-grid">
      {FIELDS.map(({ field, label, hint, step, placeholder }) => {
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
