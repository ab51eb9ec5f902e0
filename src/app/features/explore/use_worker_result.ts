import { useEffect, useState } from 'react';

export interface WorkerResult<T> {
  /** The newest value received. While `isLoading`, it may belong to the previous request. */
  value: T | null;
  error: string | null;
  isLoading: boolean;
}

interface Received<T> {
  request: () => Promise<T>;
  value: T | null;
  error: string | null;
}

/**
 * Runs `request` whenever its identity changes (memoise it on its inputs) and keeps the newest
 * result. Results of superseded requests are dropped, so fast typing cannot show stale values.
 */
export function useWorkerResult<T>(request: (() => Promise<T>) | null): WorkerResult<T> {
  const [received, setReceived] = useState<Received<T> | null>(null);

  useEffect(() => {
    if (request === null) return;
    let isCurrent = true;

    request().then(
      (value) => {
        if (isCurrent) setReceived({ request, value, error: null });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        const message = error instanceof Error ? error.message : String(error);
        setReceived({ request, value: null, error: message });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [request]);

  if (request === null) return { value: null, error: null, isLoading: false };
  const isFresh = received?.request === request;
  return {
    value: received?.value ?? null,
    error: isFresh ? received.error : null,
    isLoading: !isFresh,
  };
}
