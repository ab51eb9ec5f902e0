import * as Comlink from 'comlink';
import { toErrorInfo, type ErrorInfo } from '../core/errors';

/** An Error rebuilt on the calling side, with the worker's `code` and `location` kept. */
export interface SessionError extends Error {
  code: ErrorInfo['code'];
  location: ErrorInfo['location'];
}

interface ThrownValue {
  value: unknown;
}

/**
 * Replaces Comlink's handler for thrown values on this side of the boundary. Comlink's own
 * handler keeps only name, message and stack, so the error `code` the UI branches on would be
 * lost. Both the worker and the page must call this before the first call crosses.
 */
export function installErrorTransfer(): void {
  // Comlink does not export its marker for thrown values, so its own test is reused.
  const comlinkHandler = Comlink.transferHandlers.get('throw');
  if (comlinkHandler === undefined) throw new Error('Comlink has no handler for thrown values.');
  Comlink.transferHandlers.set('throw', {
    canHandle: (value: unknown): value is ThrownValue => comlinkHandler.canHandle(value),
    serialize: ({ value }: ThrownValue) => [toErrorInfo(value), []],
    deserialize: (info: ErrorInfo) => {
      const error = new Error(info.message) as SessionError;
      error.name = 'LfmError';
      error.code = info.code;
      error.location = info.location;
      throw error;
    },
  });
}
