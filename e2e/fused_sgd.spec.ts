import { test, expect, type Page } from '@playwright/test';
import { trainAndWait } from './fixtures';

const EPOCHS = 5;
/**
 * The fused SGD path on the demo data (600 users, 1,000 movies, about 60,000 ratings), with
 * the wide start (init std 0.1) that SGD needs, at k 8 to keep SwiftShader's epochs short.
 */
const SETTINGS = `path=fused-sgd&k=8&sgd-lr=0.01&l2=0.1&bias-l2=0.05&init-std=0.1&patience=0`;
/**
 * Largest test RMSE difference accepted between WebGPU and WASM. The WebGPU kernel updates
 * rows lock-free in parallel, so its runs differ from the sequential WASM pass a little
 * (by 0.0002 at most in 5 runs on SwiftShader).
 */
const RMSE_TOLERANCE = 0.02;

/** Seconds of each epoch, first epoch first, from the epoch log (which lists the newest first). */
async function epochSeconds(page: Page): Promise<number[]> {
  const cells = page.getByRole('table', { name: 'Epoch log' }).locator('tbody tr td:last-child');
  const texts = await cells.allTextContents();
  return texts.map((text) => Number.parseFloat(text)).reverse();
}

async function trainFused(page: Page, backend: 'webgpu' | 'wasm'): Promise<number> {
  await page.goto(`/?backend=${backend}&epochs=${EPOCHS}&${SETTINGS}`);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');

  const rmse = await trainAndWait(page, EPOCHS);
  // The status line names the backend that ran the epochs.
  const label = backend === 'webgpu' ? 'WebGPU' : 'WASM';
  await expect(page.getByRole('status')).toContainText(new RegExp(`Finished .* · ${label}\\b`));
  test.info().annotations.push({
    type: `${backend} seconds per epoch`,
    description: (await epochSeconds(page)).join(', '),
  });
  return rmse;
}

test('fused SGD on WebGPU matches WASM', async ({ page }) => {
  const webgpuRmse = await trainFused(page, 'webgpu');
  const wasmRmse = await trainFused(page, 'wasm');

  test.info().annotations.push({
    type: 'test RMSE',
    description: `webgpu ${webgpuRmse}, wasm ${wasmRmse}`,
  });
  expect(Math.abs(webgpuRmse - wasmRmse)).toBeLessThan(RMSE_TOLERANCE);
});

/**
 * Largest test RMSE difference accepted between the fused SGD path and Adam, each with its own
 * preset and early stopping. Both minimise the same objective; the presets were tuned on real
 * MovieLens files, where they end within 0.005 of each other.
 */
const PATH_TOLERANCE = 0.03;

async function trainWithPath(page: Page, path: 'fused-sgd' | 'adam'): Promise<number> {
  await page.goto(`/?backend=wasm&path=${path}`);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  // Up to 40 epochs; early stopping (patience 4) ends both runs sooner.
  return trainAndWait(page, 40);
}

test('fused SGD on WASM matches Adam', async ({ page }) => {
  const fusedRmse = await trainWithPath(page, 'fused-sgd');
  const adamRmse = await trainWithPath(page, 'adam');

  test.info().annotations.push({
    type: 'test RMSE',
    description: `fused-sgd ${fusedRmse}, adam ${adamRmse}`,
  });
  expect(Math.abs(fusedRmse - adamRmse)).toBeLessThan(PATH_TOLERANCE);
});
