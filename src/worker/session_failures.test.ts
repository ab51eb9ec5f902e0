import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../core/model/config';
import type { ErrorInfo, TrainingEvent } from './protocol';
import { LfmSession } from './session';

beforeAll(() => {
  // Node 20 has no `navigator`; without one the WebGPU probe cannot run.
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
});

/** Small settings so that each run takes well under a second per epoch on the CPU backend. */
const CONFIG: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  k: 2,
  epochs: 3,
  batchSize: 20_000,
  patience: 0,
};

async function loadedSession(): Promise<LfmSession> {
  const session = new LfmSession();
  await session.loadDemo(1);
  return session;
}

/** The error of the last `failed` event; fails the test when there is none. */
function lastFailure(events: TrainingEvent[]): ErrorInfo {
  const failed = events.findLast((event) => event.type === 'failed');
  if (failed?.type !== 'failed') throw new Error('no failed event');
  return failed.error;
}

function recorder(): { events: TrainingEvent[]; onEvent: (event: TrainingEvent) => void } {
  const events: TrainingEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

describe('LfmSession failures', () => {
  it('rejects a second job with busy', async () => {
    const session = await loadedSession();
    const { onEvent } = recorder();

    const first = session.train(CONFIG, 'cpu', onEvent);
    const second = session.train(CONFIG, 'cpu', onEvent);

    await expect(second).rejects.toMatchObject({ code: 'busy' });
    await expect(session.loadDemo(2)).rejects.toMatchObject({ code: 'busy' });
    await expect(first).resolves.toBeUndefined();
  });

  it('stops after the current epoch', async () => {
    const session = await loadedSession();
    const events: TrainingEvent[] = [];

    await session.train({ ...CONFIG, epochs: 50 }, 'cpu', (event) => {
      events.push(event);
      if (event.type === 'epochEnd') session.stop();
    });

    const finished = events.find((event) => event.type === 'finished');
    expect(events.filter((event) => event.type === 'epochEnd')).toHaveLength(1);
    expect(finished).toMatchObject({ report: { reason: 'stopped' } });
  });

  it('sends a diverged run and keeps its model usable', async () => {
    const session = await loadedSession();
    const { events, onEvent } = recorder();
    session.injectTestFault({ kind: 'diverge', afterEpoch: 1 });

    await session.train(CONFIG, 'cpu', onEvent);

    expect(events.map((event) => event.type)).toEqual([
      'started',
      'epochEnd',
      'scoring',
      'finished',
      'failed',
    ]);
    expect(lastFailure(events).code).toBe('training-diverged');
    expect(lastFailure(events).message).toContain('epoch 2');
    const [user] = await session.findUsers('', 1);
    const rows = await session.recommend(user as number, 5);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Number.isFinite(row.rating)).toBe(true);
  });

  it('reports backend-failed when no backend is left', async () => {
    const session = await loadedSession();
    const { events, onEvent } = recorder();
    session.injectTestFault({ kind: 'backend-error', afterEpoch: 1 });

    await expect(session.train(CONFIG, 'cpu', onEvent)).rejects.toMatchObject({
      code: 'backend-failed',
    });

    expect(lastFailure(events).message).toContain('CPU: GPU device was lost');
  });

  it('keeps the trained model when a run fails', async () => {
    const session = await loadedSession();
    await session.train({ ...CONFIG, epochs: 1 }, 'cpu', () => undefined);
    const [user] = await session.findUsers('', 1);
    const before = await session.recommend(user as number, 5);
    session.injectTestFault({ kind: 'backend-error', afterEpoch: 1 });

    await expect(session.train(CONFIG, 'cpu', () => undefined)).rejects.toMatchObject({
      code: 'backend-failed',
    });

    expect(await session.recommend(user as number, 5)).toEqual(before);
  });
});
