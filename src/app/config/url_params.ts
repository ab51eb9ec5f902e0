import type { BackendChoice, TrainConfig } from '../../worker/protocol';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Settings the page URL can preset, e.g. `?backend=wasm&epochs=5&k=8&seed=7&demo=0`, and the
 * training path with `path=fused-sgd&sgd-lr=0.01`; also `l2`, `bias-l2`, `init-std` and
 * `patience`.
 */
export interface UrlSettings {
  backend: BackendChoice | null;
  /** Field texts for the form, validated there like typed values. */
  fields: Partial<Record<keyof TrainConfig, string>>;
  /** False when `demo=0` turns off loading the demo data on start. */
  loadDemo: boolean;
}

export function readUrlSettings(search: string): UrlSettings {
  const params = new URLSearchParams(search);
  const fields: UrlSettings['fields'] = {};

  for (const [param, field] of [
    ['epochs', 'epochs'],
    ['k', 'k'],
    ['seed', 'seed'],
    ['path', 'trainingPath'],
    ['sgd-lr', 'sgdLearningRate'],
    ['l2', 'l2'],
    ['bias-l2', 'biasL2'],
    ['init-std', 'initStd'],
    ['patience', 'patience'],
  ] as const) {
    const value = params.get(param);
    if (value !== null) fields[field] = value;
  }

  const backendParam = params.get('backend')?.toLowerCase() ?? null;
  const backend = BACKEND_CHOICES.find((choice) => choice === backendParam) ?? null;

  return { backend, fields, loadDemo: params.get('demo') !== '0' };
}
