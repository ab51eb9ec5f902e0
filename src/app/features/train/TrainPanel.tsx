import { useMemo } from 'react';
import { Panel } from '../../components/Panel';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  DEFAULT_TRAIN_CONFIG,
  FUSED_SGD_PRESET,
  NOTEBOOK_PRESET,
  matchesPreset,
  parseConfigDraft,
  stepSizeOf,
  trainingPathOf,
  type TrainingPath,
} from '../../config/train_config';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import type { BackendChoice, TrainConfig } from '../../../worker/protocol';
import { ConfigFields } from './ConfigFields';
import { TrainingStatus } from './TrainingStatus';

const BACKEND_OPTIONS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

type PresetName = 'fused' | 'adam' | 'notebook' | 'custom';

const PRESETS: Record<Exclude<PresetName, 'custom'>, TrainConfig> = {
  fused: FUSED_SGD_PRESET,
  adam: DEFAULT_TRAIN_CONFIG,
  notebook: NOTEBOOK_PRESET,
};

const PATH_OPTIONS: { value: TrainingPath; label: string }[] = [
  { value: 'adam', label: 'Adam (TF.js ops, any backend)' },
  { value: 'fused-sgd', label: 'Fused SGD (one kernel per pass)' },
];

/** Step 2: settings, backend, Train and Stop, and the live status. */
export function TrainPanel() {
  const controller = useController();
  const { store } = controller;
  const draft = useSessionState((state) => state.configDraft);
  const backendChoice = useSessionState((state) => state.backendChoice);
  const runStatus = useSessionState((state) => state.run.status);
  const hasData = useSessionState((state) => state.dataset !== null);
  const isLoading = useSessionState((state) => state.loadStatus === 'loading');

  const { config, errors } = useMemo(() => parseConfigDraft(draft), [draft]);
  const preset: PresetName =
    (Object.keys(PRESETS) as Exclude<PresetName, 'custom'>[]).find((name) =>
      matchesPreset(draft, PRESETS[name]),
    ) ?? 'custom';

  const isActive = isRunActive(runStatus);
  // The fused path has kernels for WASM, CPU and WebGPU; on WebGL only Adam runs.
  const isFused = draft.trainingPath === 'fused-sgd';
  const backendMismatch = isFused && backendChoice === 'webgl';
  const canTrain = hasData && !isLoading && !isActive && config !== null && !backendMismatch;

  function choosePreset(name: PresetName) {
    if (name === 'custom') return;
    store.dispatch({ type: 'configReplaced', config: PRESETS[name] });
  }

  return (
    <Panel step={2} title="Train" aside={hasData ? undefined : 'Load data first.'}>
      <form
        className="train-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (canTrain) void controller.train();
        }}
      >
        <div className="train-options">
          <div className="field">
            <label htmlFor="config-preset">Preset</label>
            <select
              id="config-preset"
              value={preset}
              disabled={isActive}
              onChange={(event) => choosePreset(event.currentTarget.value as PresetName)}
            >
              <option value="fused">Fused SGD ({describePreset(FUSED_SGD_PRESET)})</option>
              <option value="adam">Adam ({describePreset(DEFAULT_TRAIN_CONFIG)})</option>
              <option value="notebook">Notebook ({describePreset(NOTEBOOK_PRESET)})</option>
              <option value="custom" disabled>
                Custom
              </option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="config-backend">Backend</label>
            <select
              id="config-backend"
              value={backendChoice}
              disabled={isActive}
              onChange={(event) =>
                store.dispatch({
                  type: 'backendChosen',
                  backend: event.currentTarget.value as BackendChoice,
                })
              }
            >
              {BACKEND_OPTIONS.map(({ value, label }) => (
                <option key={value} value={value} disabled={isFused && value === 'webgl'}>
                  {value === 'webgl' ? `${label} (Adam only)` : label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="config-path">Training path</label>
            <select
              id="config-path"
              value={draft.trainingPath}
              disabled={isActive}
              aria-describedby="config-path-hint"
              onChange={(event) =>
                store.dispatch({
                  type: 'configFieldEdited',
                  field: 'trainingPath',
                  text: event.currentTarget.value,
                })
              }
            >
              {PATH_OPTIONS.map(({ value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <span className="field-hint" id="config-path-hint">
              {isFused ? 'Runs on WASM, CPU and WebGPU' : 'Runs on every backend'}
            </span>
          </div>
        </div>

        <ConfigFields
          draft={draft}
          errors={errors}
          disabled={isActive}
          onEdit={(field, text) => store.dispatch({ type: 'configFieldEdited', field, text })}
        />

        <div className="train-actions">
          <button type="submit" className="primary" disabled={!canTrain}>
            Train
          </button>
          <button
            type="button"
            disabled={!isActive || runStatus === 'stopping' || runStatus === 'scoring'}
            onClick={() => void controller.stop()}
          >
            Stop
          </button>
          {config === null && <span className="field-error">Fix the marked fields to train.</span>}
          {backendMismatch && (
            <span className="field-error">
              The fused SGD path has no WebGL kernel. Choose another backend or the Adam path.
            </span>
          )}
        </div>
      </form>

      <TrainingStatus />
      <ErrorAlert scope="train" />
    </Panel>
  );
}

/**
 * Returns the settings that tell the presets apart: "k 64, Adam 0.005, L2 0.12, batch 1000",
 * or "k 64, SGD 0.01, L2 0.1" on the fused path.
 */
function describePreset(config: TrainConfig): string {
  if (trainingPathOf(config) === 'fused-sgd') {
    return `k ${config.k}, SGD ${stepSizeOf(config)}, L2 ${config.l2}`;
  }
  return `k ${config.k}, Adam ${config.learningRate}, L2 ${config.l2}, batch ${config.batchSize}`;
}
