import { describe, expect, it } from 'vitest';

import {
  canReadProcesses,
  descendantMemory,
  parentPidOf,
  statusFieldBytes,
} from './process_memory';

const STATUS = [
  'Name:\tchromium',
  'VmPeak:\t 9000000 kB',
  'VmHWM:\t  812344 kB',
  'VmRSS:\t  501200 kB',
  'Threads:\t21',
].join('\n');

describe('statusFieldBytes', () => {
  it('reads VmRSS in bytes', () => {
    expect(statusFieldBytes(STATUS, 'VmRSS')).toBe(501_200 * 1024);
  });

  it('reads VmHWM in bytes', () => {
    expect(statusFieldBytes(STATUS, 'VmHWM')).toBe(812_344 * 1024);
  });

  it('returns null for a missing field', () => {
    expect(statusFieldBytes('Name:\tzombie\n', 'VmRSS')).toBeNull();
  });
});

describe('parentPidOf', () => {
  it('reads the parent after a name with spaces', () => {
    expect(parentPidOf('4242 (Web Content) S 17 4242 4242 0 -1')).toBe(17);
  });

  it('returns null for empty text', () => {
    expect(parentPidOf('')).toBeNull();
  });
});

describe('descendantMemory', () => {
  it.skipIf(!canReadProcesses())('finds a child process of this one', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const found = descendantMemory(process.pid).find((entry) => entry.pid === child.pid);
      expect(found).toBeDefined();
      expect(found?.residentBytes).toBeGreaterThan(0);
      expect(found?.peakResidentBytes).toBeGreaterThanOrEqual(found?.residentBytes ?? 0);
    } finally {
      child.kill();
    }
  });

  it.skipIf(!canReadProcesses())('leaves out an excluded subtree', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const pids = descendantMemory(process.pid, [child.pid as number]).map((entry) => entry.pid);
      expect(pids).not.toContain(child.pid);
    } finally {
      child.kill();
    }
  });
});
