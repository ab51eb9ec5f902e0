import type { BackendInfo, BackendName, RatingsFormat } from '../worker/protocol';

const INTEGER = new Intl.NumberFormat('en-US');

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return INTEGER.format(value);
}

/** Rating metrics with four decimals, as papers and notebooks print them. */
export function formatMetric(value: number): string {
  // A metric over zero ratings is NaN, which a model file stores as null.
  if (typeof value !== 'number' || Number.isNaN(value)) return 'n/a';
  return Number.isFinite(value) ? value.toFixed(4) : String(value);
}

export function formatRating(value: number): string {
  return value.toFixed(2);
}

/** Seconds as "0.84 s", "12.3 s" or "2 min 05 s". */
export function formatSeconds(seconds: number): string {
  // Fused SGD epochs on small data take a few milliseconds, which two decimals show as 0.00.
  if (seconds < 0.1) return `${seconds.toFixed(3)} s`;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export function formatBackendName(name: BackendName): string {
  return BACKEND_LABELS[name];
}

/** "WebGPU" or "WebGPU (software adapter)". */
export function formatBackend(backend: BackendInfo): string {
  const label = BACKEND_LABELS[backend.name];
  return backend.softwareAdapter ? `${label} (software adapter)` : label;
}

const FORMAT_LABELS: Record<RatingsFormat, string> = {
  'ml-1m': 'MovieLens 1M / 10M (UserID::MovieID::Rating::Timestamp)',
  'ml-100k': 'MovieLens 100K (tab-separated u.data)',
  'ml-latest': 'MovieLens latest (ratings.csv)',
  synthetic: 'Synthetic demo data',
};

export function formatRatingsFormat(format: RatingsFormat): string {
  return FORMAT_LABELS[format];
}

/** Returns the title, or "Movie <id>" when no movies file was loaded or it lacks the id. */
export function formatMovieTitle(movieId: number, title: string | null): string {
  return title ?? `Movie ${movieId}`;
}
