/**
 * Checks the `webgpu` fused SGD kernel against the `cpu` one on Dawn's Node bindings with
 * SwiftShader, Chromium's CPU-emulated Vulkan driver.
 *
 * The comparison runs in a child process (fused_sgd_webgpu_check.ts) because Dawn loads the
 * Vulkan loader through LD_LIBRARY_PATH, which the dynamic linker reads only at process
 * start: setting it inside this Vitest worker would have no effect. The test therefore works
 * under a plain `npm test` or `npx vitest run`. It uses LD_LIBRARY_PATH and VK_ICD_FILENAMES
 * when both are set (e.g. for a hardware Vulkan driver), else Chromium's loader and
 * SwiftShader in /usr/lib/chromium, and skips with a message when neither is there or Dawn
 * finds no adapter.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';

import type { EpochMetrics } from '../trainer';
import type { CallComparison, WebGpuCheckReport } from './fused_sgd_webgpu_check';

const CHROMIUM_LIB_DIR = '/usr/lib/chromium';
const SWIFTSHADER_ICD = path.join(CHROMIUM_LIB_DIR, 'vk_swiftshader_icd.json');
/** Exit code of the check script when Dawn finds no adapter (`NO_ADAPTER_EXIT_CODE`). */
const NO_ADAPTER_EXIT_CODE = 3;
const CHECK_SCRIPT = fileURLToPath(new URL('./fused_sgd_webgpu_check.ts', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Largest RMSE difference accepted between the two backends after 8 epochs (0.0001-0.0002 measured). */
const RMSE_TOLERANCE = 0.01;

/** Builds the Vulkan environment of the child process, or returns why there is none. */
function vulkanEnvironment(): { env: NodeJS.ProcessEnv } | { skip: string } {
  const { LD_LIBRARY_PATH, VK_ICD_FILENAMES } = process.env;
  if (LD_LIBRARY_PATH && VK_ICD_FILENAMES) return { env: process.env };
  if (existsSync(SWIFTSHADER_ICD)) {
    return {
      env: {
        ...process.env,
        LD_LIBRARY_PATH: [CHROMIUM_LIB_DIR, LD_LIBRARY_PATH].filter(Boolean).join(':'),
        VK_ICD_FILENAMES: SWIFTSHADER_ICD,
      },
    };
  }
  return {
    skip:
      `WebGPU kernel tests skipped: ${SWIFTSHADER_ICD} not found. Install Chromium ` +
      '(Debian: apt-get install chromium), or set LD_LIBRARY_PATH and VK_ICD_FILENAMES to a ' +
      'Vulkan loader and driver.',
  };
}

let report: WebGpuCheckReport | null = null;
let skipReason = '';

beforeAll(async () => {
  const vulkan = vulkanEnvironment();
  if ('skip' in vulkan) {
    skipReason = vulkan.skip;
    // The default reporter does not print skip notes, so the reason also goes to the log.
    console.warn(skipReason);
    return;
  }

  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CHECK_SCRIPT],
      { cwd: REPOSITORY_ROOT, env: vulkan.env, timeout: 110_000, maxBuffer: 1 << 24 },
    );
    const line = stdout.split('\n').find((entry) => entry.startsWith('RESULT '));
    if (line === undefined) throw new Error(`The check printed no RESULT line:\n${stdout}`);
    report = JSON.parse(line.slice('RESULT '.length)) as WebGpuCheckReport;
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string };
    if (failed.code !== NO_ADAPTER_EXIT_CODE) throw error;
    skipReason = `WebGPU kernel tests skipped: ${failed.stderr?.trim() ?? 'no adapter'}`;
    console.warn(skipReason);
  }
}, 120_000);

/** Returns the report, or skips the test with the reason when there is no WebGPU adapter. */
function requireReport(context: TestContext): WebGpuCheckReport {
  if (report === null) context.skip(skipReason);
  return report as WebGpuCheckReport;
}

function relativeDiffs(call: CallComparison): number[] {
  return call.cpuSums.map((cpu, index) => Math.abs((call.webgpuSums[index] as number) - cpu) / cpu);
}

function last(history: EpochMetrics[]): EpochMetrics {
  return history.at(-1) as EpochMetrics;
}

describe('LfmFusedSgd on webgpu', () => {
  it('matches the CPU kernel with one invocation', (context) => {
    const { sequential } = requireReport(context);

    expect(sequential.invocations).toBe(1);
    for (const diff of sequential.tableDiffs) expect(diff).toBeLessThan(1e-5);
    for (const diff of relativeDiffs(sequential)) expect(diff).toBeLessThan(1e-5);
  });

  it('stays close to the CPU kernel in parallel', (context) => {
    const { parallel } = requireReport(context);

    expect(parallel.invocations).toBeGreaterThan(16);
    // The invocations interleave their runs, so the ratings are visited in another order and
    // some rows are read stale. The sums move a little, the small L2 sum the most (1.3%).
    const [squaredError, absoluteError, l2] = relativeDiffs(parallel);
    expect(squaredError).toBeLessThan(0.01);
    expect(absoluteError).toBeLessThan(0.01);
    expect(l2).toBeLessThan(0.05);
    for (const diff of parallel.tableDiffs) expect(diff).toBeLessThan(0.5);
  });

  it('never writes the input tables', (context) => {
    const { sequential, parallel, emptyRange } = requireReport(context);

    expect(sequential.inputChange).toBe(0);
    expect(parallel.inputChange).toBe(0);
    expect(emptyRange.inputChange).toBe(0);
  });

  it('copies the tables for an empty range', (context) => {
    const { emptyRange } = requireReport(context);

    expect(emptyRange.tableDiffs).toEqual([0, 0, 0, 0]);
    expect(emptyRange.webgpuSums).toEqual([0, 0, 0]);
  });

  it('reaches the CPU validation RMSE', (context) => {
    const { training } = requireReport(context);
    const cpu = last(training.cpu);
    const webgpu = last(training.webgpu);

    expect(training.webgpu).toHaveLength(8);
    expect(webgpu.trainLoss).toBeLessThan((training.webgpu[0] as EpochMetrics).trainLoss / 2);
    expect(Math.abs(webgpu.valRmse - cpu.valRmse)).toBeLessThan(RMSE_TOLERANCE);
    expect(Math.abs(webgpu.trainLoss - cpu.trainLoss)).toBeLessThan(RMSE_TOLERANCE);
  });

  it('keeps the tensor count flat', (context) => {
    const { training, kernelTensors } = requireReport(context);

    expect(new Set(training.tensorCounts).size).toBe(1);
    expect(training.tensorsAfter).toBe(training.tensorsBefore);
    expect(kernelTensors.after).toBe(kernelTensors.before);
  });
});
