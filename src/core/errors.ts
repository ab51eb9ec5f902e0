/**
 * Error codes the UI and the command line branch on. Class identity does not survive a
 * Comlink crossing, so callers test `code`, never `instanceof`.
 */
export type LfmErrorCode =
  | 'invalid-format'
  | 'empty-file'
  | 'no-ratings'
  | 'invalid-zip'
  | 'invalid-config'
  | 'invalid-model-file'
  | 'not-trained'
  | 'unknown-user'
  | 'training-diverged'
  | 'no-search'
  | 'backend-failed'
  | 'busy'
  | 'out-of-memory';

/** Where in the user's input a problem sits. */
export interface InputLocation {
  file?: string;
  line?: number;
  value?: string;
}

/**
 * The project's own error. Messages read `<where>: <what must hold>, got <value>. <what to do>`.
 */
export class LfmError extends Error {
  override readonly name = 'LfmError';

  constructor(
    readonly code: LfmErrorCode,
    message: string,
    readonly location: InputLocation = {},
  ) {
    super(message);
  }
}

/** Plain-object form of an error, safe to clone across the worker boundary. */
export interface ErrorInfo {
  code: LfmErrorCode | 'internal';
  message: string;
  location: InputLocation;
}

/** Converts anything thrown into an `ErrorInfo`, keeping the code of an `LfmError`. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof LfmError) {
    return { code: error.code, message: error.message, location: { ...error.location } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, location: {} };
}
