import type * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';

import type { LfmSessionApi } from '../../worker/protocol';
import { WORKER_CRASHED, WorkerHost, type StartedWorker } from './worker_host';

/** A stand-in for a Worker: an event target that records `terminate`. */
class FakeWorker extends EventTarget {
  terminated = false;
  terminate(): void {
    this.terminated = true;
  }
  crash(message: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

function startFake(workers: FakeWorker[], findUsers: () => Promise<number[]>): StartedWorker {
  const worker = new FakeWorker();
  workers.push(worker);
  const session = { findUsers } as unknown as Comlink.Remote<LfmSessionApi>;
  return { session, worker: worker as unknown as Worker };
}

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('WorkerHost', () => {
  it('forwards calls to the current worker', async () => {
    const workers: FakeWorker[] = [];
    const host = new WorkerHost(
      () => startFake(workers, async () => [workers.length]),
      () => undefined,
    );

    expect(await host.session.findUsers('', 1)).toEqual([1]);
  });

  it('rejects pending calls and restarts after a crash', async () => {
    const workers: FakeWorker[] = [];
    const restarts: string[] = [];
    const host = new WorkerHost(
      () =>
        startFake(workers, () =>
          workers.length === 1 ? new Promise<number[]>(() => undefined) : Promise.resolve([7]),
        ),
      (message) => restarts.push(message),
    );

    const pending = host.session.findUsers('', 1);
    workers[0]?.crash('out of memory');

    await expect(pending).rejects.toMatchObject({
      code: WORKER_CRASHED,
      message: expect.stringContaining('out of memory'),
    });
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    await wait(5);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toContain('load the data again');
    expect(await host.session.findUsers('', 1)).toEqual([7]);
  });

  it('stops restarting after three crashes', async () => {
    const workers: FakeWorker[] = [];
    const restarts: string[] = [];
    new WorkerHost(
      () => startFake(workers, async () => []),
      (message) => restarts.push(message),
    );

    for (let crash = 0; crash < 4; crash++) workers[workers.length - 1]?.crash('boom');
    await wait(5);

    expect(workers).toHaveLength(4);
    expect(restarts[3]).toContain('Reload the page');
  });
});
