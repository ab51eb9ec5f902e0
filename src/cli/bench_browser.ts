/**
 * The browser half of `npm run bench`: serves the built app with `vite preview` on a free
 * local port and drives it in headless Chromium with Playwright, as a user would: load a
 * ratings file, press Train, read the epoch log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

import { median, type BenchRow } from './bench_node';
import { canReadProcesses, descendantMemory } from './process_memory';

/** V8 heap limit in MB for the tab and its workers, the 4 GB that ML-25M must fit in. */
const TAB_HEAP_LIMIT_MB = 4096;

/**
 * Flags as in playwright.config.ts, where `--enable-unsafe-webgpu` gives WebGPU an adapter.
 * Without `--enable-precise-memory-info`, Chromium rounds `performance.memory` into coarse
 * buckets, too coarse for a peak heap figure.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-precise-memory-info',
  `--js-flags=--max-old-space-size=${TAB_HEAP_LIMIT_MB}`,
];

/** Users whose top-10 the explorer shows, one after another, for the round-trip figure. */
const TOP_10_SAMPLES = 5;

/** Settings of one browser run, passed to the app as URL parameters. */
export interface BrowserRunSettings {
  backend: 'wasm' | 'cpu' | 'webgpu' | 'webgl';
  path: 'adam' | 'fused-sgd';
  k: number;
  epochs: number;
  seed: number;
  /** Ratings in the file, as generated; reported in the row. */
  ratingCount: number;
  /** Users in the file, with raw ids 1 to userCount as the generator writes them. */
  userCount: number;
  /** Extra URL parameters, e.g. `sgd-lr`, `l2`, `init-std`. */
  extra: Record<string, string>;
}

export interface BrowserBench {
  run(file: string, datasetLabel: string, settings: BrowserRunSettings): Promise<BenchRow>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('bench: no free port')),
      );
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`bench: vite preview exited with code ${server.exitCode}.`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`bench: vite preview did not respond on ${url} within ${timeoutMs / 1000} s.`);
}

/** Starts `vite preview` over dist/ and Chromium; the caller must call `close`. */
export async function startBrowserBench(chromiumPath: string): Promise<BrowserBench> {
  if (!existsSync('dist/index.html')) {
    throw new Error('bench: dist/index.html is missing. Run `npx vite build` first.');
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  // Vite's own script, not `npx vite`: killing npx left the preview server running.
  const server = spawn(
    process.execPath,
    [
      path.join('node_modules', 'vite', 'bin', 'vite.js'),
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      '--bypass-lock',
    ],
    { stdio: 'ignore', detached: false },
  );
  let browser: Browser;
  try {
    await waitForServer(baseUrl, server, 60_000);
    browser = await chromium.launch({
      executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    server.kill();
    throw error;
  }
  const launched = browser;

  const excludedPids = server.pid === undefined ? [] : [server.pid];

  return {
    run: async (file, datasetLabel, settings) => {
      const page = await launched.newPage();
      try {
        return await runInPage(page, baseUrl, file, datasetLabel, settings, excludedPids);
      } finally {
        await page.close();
      }
    },
    close: async () => {
      await launched.close();
      server.kill();
    },
  };
}

async function runInPage(
  page: Page,
  baseUrl: string,
  file: string,
  datasetLabel: string,
  settings: BrowserRunSettings,
  excludedPids: number[],
): Promise<BenchRow> {
  const params = new URLSearchParams({
    backend: settings.backend,
    path: settings.path,
    k: String(settings.k),
    epochs: String(settings.epochs),
    seed: String(settings.seed),
    patience: '0',
    demo: '0',
    ...settings.extra,
  });
  await page.goto(`${baseUrl}?${params.toString()}`);
  const peak = startHeapSampling(page);
  const processPeak = startProcessSampling(excludedPids);

  const parseStarted = performance.now();
  await page.getByLabel('MovieLens files').setInputFiles(file);
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await summary
    .getByText(/ratings/i)
    .first()
    .waitFor({ timeout: 30 * 60_000 });
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  const workerParseSeconds = parseSecondsText(
    (await summary.getByTestId('read-seconds').textContent()) ?? '',
  );
  const ratings = settings.ratingCount;
  // Large files take minutes per step, so each step is logged as it ends.
  process.stderr.write(
    `${datasetLabel} in Chromium: summary after ${parseSeconds.toFixed(2)} s ` +
      `(worker ${workerParseSeconds.toFixed(2)} s); training ...\n`,
  );

  const trainStarted = performance.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .getByRole('region', { name: 'Test metrics' })
    .getByText(/RMSE\s*\d/)
    .first()
    .waitFor({ timeout: 60 * 60_000 });
  const trainToMetricsSeconds = (performance.now() - trainStarted) / 1000;
  process.stderr.write(
    `${datasetLabel} in Chromium: test metrics after ${trainToMetricsSeconds.toFixed(1)} s\n`,
  );

  const status = (await page.getByRole('status').first().textContent()) ?? '';
  // "Finished 20 epochs in 0.95 s · WASM · kept epoch 20": training's wall time, as in Node.
  const trainingText = /epochs in ([^·]+)/.exec(status)?.[1] ?? '';
  const totalSeconds = parseSecondsText(trainingText) || Number.NaN;
  const log = await readEpochLog(page);
  const top10 = await timeTop10(page, settings.userCount);
  const peakHeapMB = await peak.stop();
  const memory = processPeak.stop();
  const backendShown = /WebGPU/i.test(status)
    ? 'webgpu'
    : /WebGL/i.test(status)
      ? 'webgl'
      : /WASM/i.test(status)
        ? 'wasm'
        : /CPU/i.test(status)
          ? 'cpu'
          : 'unknown';

  return {
    path: settings.path,
    backend: `${backendShown} (Chromium)`,
    dataset: datasetLabel,
    ratings,
    k: settings.k,
    epochs: log.length,
    parseSeconds,
    secondsPerEpoch: log.reduce((sum, row) => sum + row.seconds, 0) / log.length,
    totalSeconds,
    trainToMetricsSeconds,
    valRmse: log.at(-1)?.valRmse ?? NaN,
    peakHeapMB,
    workerParseSeconds,
    top10Ms: median(top10),
    top10MaxMs: Math.max(...top10),
    ...memory,
  };
}

/**
 * Shows the top-10 of `TOP_10_SAMPLES` users in the explorer, one after another, and returns
 * each round trip in milliseconds. A round trip runs in the page from typing the user id to
 * the rendered table: the id lookup, the recommendation and the rated-movies requests to the
 * worker, and React's render.
 */
async function timeTop10(page: Page, userCount: number): Promise<number[]> {
  const input = page.locator('#explore-user');
  await input.waitFor({ timeout: 10 * 60_000 });
  // The first user after training also builds the explorer's per-model arrays; wait for it.
  await page
    .locator('table[aria-label="Recommended movies"][aria-busy="false"] tbody tr')
    .first()
    .waitFor({ timeout: 10 * 60_000 });

  const times: number[] = [];
  for (let sample = 1; sample <= TOP_10_SAMPLES; sample++) {
    const userId = Math.max(1, Math.floor((userCount * sample) / (TOP_10_SAMPLES + 1)));
    times.push(await page.evaluate(showTop10, userId));
  }
  return times;
}

/**
 * Runs in the page: types `userId` into the explorer and resolves with the milliseconds until
 * its table shows. It defines no named functions inside, because tsx would wrap them in a
 * helper (`__name`) that does not exist in the page.
 */
function showTop10(userId: number): Promise<number> {
  const input = document.querySelector<HTMLInputElement>('#explore-user');
  if (input === null) {
    throw new Error(
      'bench: the explorer must have a user field (#explore-user), got none. Rebuild dist/ with `npx vite build`.',
    );
  }

  return new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      const headingShown = Array.from(document.querySelectorAll('h3')).some(
        (element) => element.textContent === `Top 10 for user ${userId}`,
      );
      const table = document.querySelector('table[aria-label="Recommended movies"]');
      const tableShown =
        table !== null &&
        table.getAttribute('aria-busy') === 'false' &&
        table.querySelector('tbody tr') !== null;
      if (!headingShown || !tableShown) return;
      observer.disconnect();
      resolve(performance.now() - started);
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    // React listens for `input` events and reads the value through the native setter.
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setValue?.call(input, String(userId));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/**
 * Samples the resident memory of the browser's processes (every descendant of this Node
 * process except `excludedPids`, the preview server) every 500 ms. Returns the largest sum
 * seen and the largest peak (`VmHWM`) of one renderer process, the one that runs the page
 * and its worker, in MB; NaN where /proc cannot be read.
 */
function startProcessSampling(excludedPids: number[]): {
  stop(): { peakProcessesMB: number; peakRendererMB: number };
} {
  if (!canReadProcesses()) {
    return { stop: () => ({ peakProcessesMB: NaN, peakRendererMB: NaN }) };
  }
  let peakTotal = 0;
  let peakRenderer = 0;
  const sample = (): void => {
    const processes = descendantMemory(process.pid, excludedPids);
    const total = processes.reduce((sum, entry) => sum + entry.residentBytes, 0);
    peakTotal = Math.max(peakTotal, total);
    for (const entry of processes) {
      if (entry.commandLine.includes('--type=renderer')) {
        peakRenderer = Math.max(peakRenderer, entry.peakResidentBytes);
      }
    }
  };
  sample();
  const timer = setInterval(sample, 500);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return {
        peakProcessesMB: peakTotal / (1024 * 1024),
        peakRendererMB: peakRenderer / (1024 * 1024),
      };
    },
  };
}

/**
 * Validation RMSE and seconds of each row of the "Epoch log" table, first epoch first. The
 * table lists the newest epoch first, so the rows are sorted by their epoch number.
 */
async function readEpochLog(page: Page): Promise<{ valRmse: number; seconds: number }[]> {
  const rows = page.getByRole('table', { name: 'Epoch log' }).locator('tbody tr');
  const cells = await rows.evaluateAll((nodes) =>
    nodes.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')),
  );
  return cells
    .map((row) => ({
      // The kept epoch's cell also contains its badge, e.g. "12kept".
      epoch: Number.parseInt(row[0] ?? '', 10),
      valRmse: Number(row[6]),
      seconds: parseSecondsText(row[7] ?? ''),
    }))
    .sort((a, b) => a.epoch - b.epoch)
    .map(({ valRmse, seconds }) => ({ valRmse, seconds }));
}

/** Reads the app's seconds format: "0.42 s", "12.3 s" or "2 min 05 s". */
function parseSecondsText(text: string): number {
  const minutes = /(\d+)\s*min/.exec(text);
  const seconds = /([\d.]+)\s*s\b/.exec(text.replace(/\d+\s*min/, ''));
  return (minutes ? Number(minutes[1]) * 60 : 0) + (seconds ? Number(seconds[1]) : 0);
}

/**
 * Samples `performance.memory.usedJSHeapSize` of the page and its workers every 500 ms and
 * returns the largest sum seen, in MB. Chromium's WASM memory is not part of the JS heap.
 */
function startHeapSampling(page: Page): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const readHeap = (): number =>
    (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  const loop = (async () => {
    while (running) {
      try {
        const sizes = await Promise.all([
          page.evaluate(readHeap),
          ...page.workers().map((worker) => worker.evaluate(readHeap)),
        ]);
        peak = Math.max(
          peak,
          sizes.reduce((sum, size) => sum + size, 0),
        );
      } catch {
        // A worker can end between listing and evaluating; the next sample counts it.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak / (1024 * 1024);
    },
  };
}
