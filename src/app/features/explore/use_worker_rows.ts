import { useEffect, useState } from 'react';
import type { MovieRow } from '../../../worker/protocol';

export interface WorkerRows {
  /** The newest rows received. While `isLoading`, they may belong to the previous request. */
  rows: MovieRow[] | null;
  error: string | null;
  isLoading: boolean;
}

interface Received {
  request: () => Promise<MovieRow[]>;
  rows: MovieRow[] | null;
  error: string | null;
}

/**
 * Runs `request` whenever its identity changes (memoise it on its inputs) and keeps the newest
 * result. Results of superseded requests are dropped, so fast typing cannot show stale rows.
 */
export function useWorkerRows(request: (() => Promise<MovieRow[]>) | null): WorkerRows {
  const [received, setReceived] = useState<Received | null>(null);

  useEffect(() => {
    if (request === null) return;
    let isCurrent = true;

    request().then(
      (rows) => {
        if (isCurrent) setReceived({ request, rows, error: null });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        const message = error instanceof Error ? error.message : String(error);
        setReceived({ request, rows: null, error: message });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [request]);

  if (request === null) return { rows: null, error: null, isLoading: false };
  const isFresh = received?.request === request;
  return {
    rows: received?.rows ?? null,
    error: isFresh ? received.error : null,
    isLoading: !isFresh,
  };
}
