/**
 * The browser half of `npm run bench`: serves the built app with `vite preview` on a free
 * local port and drives it in headless Chromium with Playwright, as a user would: load a
 * ratings file, press Train, read the epoch log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';

import type { BenchRow } from './bench_node';

/** Flags as in playwright.config.ts; `--enable-unsafe-webgpu` gives WebGPU an adapter. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Settings of one browser run, passed to the app as URL parameters. */
export interface BrowserRunSettings {
  backend: 'wasm' | 'cpu' | 'webgpu' | 'webgl';
  path: 'adam' | 'fused-sgd';
  k: number;
  epochs: number;
  seed: number;
  /** Ratings in the file, as generated; reported in the row. */
  ratingCount: number;
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
  const server = spawn(
    'npx',
    [
      'vite',
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

  return {
    run: async (file, datasetLabel, settings) => {
      const page = await launched.newPage();
      try {
        return await runInPage(page, baseUrl, file, datasetLabel, settings);
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

  const parseStarted = performance.now();
  await page.getByLabel('MovieLens files').setInputFiles(file);
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await summary
    .getByText(/ratings/i)
    .first()
    .waitFor({ timeout: 30 * 60_000 });
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  const ratings = settings.ratingCount;

  const trainStarted = performance.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .getByRole('region', { name: 'Test metrics' })
    .getByText(/RMSE\s*\d/)
    .first()
    .waitFor({ timeout: 60 * 60_000 });
  const totalSeconds = (performance.now() - trainStarted) / 1000;

  const status = (await page.getByRole('status').first().textContent()) ?? '';
  const log = await readEpochLog(page);
  const peakHeapMB = await peak.stop();
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
    valRmse: log.at(-1)?.valRmse ?? NaN,
    peakHeapMB,
  };
}

/** Validation RMSE and seconds of each row of the "Epoch log" table. */
async function readEpochLog(page: Page): Promise<{ valRmse: number; seconds: number }[]> {
  const rows = page.getByRole('table', { name: 'Epoch log' }).locator('tbody tr');
  const cells = await rows.evaluateAll((nodes) =>
    nodes.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')),
  );
  return cells.map((row) => ({
    valRmse: Number(row[6]),
    seconds: parseSeconds(row[7] ?? ''),
  }));
}

/** Reads the app's seconds format: "0.42 s", "12.3 s" or "2 min 05 s". */
function parseSeconds(text: string): number {
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
