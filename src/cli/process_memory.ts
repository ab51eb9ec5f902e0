/**
 * Resident memory of the processes a bench run starts, read from Linux's /proc. It covers
 * what `performance.memory` leaves out: WebAssembly memory, typed-array buffers and the
 * browser's own allocations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One process's resident set: now (`VmRSS`) and its peak since it started (`VmHWM`), in bytes. */
export interface ProcessMemory {
  pid: number;
  /** The process's command line with NUL separators replaced by spaces. */
  commandLine: string;
  residentBytes: number;
  peakResidentBytes: number;
}

/**
 * Reads a `kB` field such as `VmRSS` from the text of /proc/PID/status and returns it in
 * bytes, or null when the field is missing.
 */
export function statusFieldBytes(statusText: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(statusText);
  return match === null ? null : Number(match[1]) * 1024;
}

/** Reads the parent pid from the text of /proc/PID/stat, whose second field may hold spaces. */
export function parentPidOf(statText: string): number | null {
  const afterName = statText.slice(statText.lastIndexOf(')') + 2);
  const parent = Number(afterName.split(' ')[1]);
  return Number.isInteger(parent) ? parent : null;
}

/** True when this machine has a /proc file system to read. */
export function canReadProcesses(): boolean {
  return existsSync('/proc/self/status');
}

/**
 * Lists the memory of every descendant of `rootPid` (children, their children, ...), leaving
 * out the subtrees of `excludedPids`. Processes that end while being read are skipped.
 */
export function descendantMemory(rootPid: number, excludedPids: number[] = []): ProcessMemory[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentPidOf(readOrEmpty(`/proc/${entry}/stat`));
    if (parent === null) continue;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(Number(entry));
    childrenOf.set(parent, siblings);
  }

  const excluded = new Set(excludedPids);
  const found: ProcessMemory[] = [];
  const pending = [...(childrenOf.get(rootPid) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    if (excluded.has(pid)) continue;
    pending.push(...(childrenOf.get(pid) ?? []));

    const status = readOrEmpty(`/proc/${pid}/status`);
    const residentBytes = statusFieldBytes(status, 'VmRSS');
    const peakResidentBytes = statusFieldBytes(status, 'VmHWM');
    if (residentBytes === null || peakResidentBytes === null) continue;
    const commandLine = readOrEmpty(`/proc/${pid}/cmdline`).replace(/\0/g, ' ').trim();
    found.push({ pid, commandLine, residentBytes, peakResidentBytes });
  }
  return found;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The process ended between listing and reading.
    return '';
  }
}
