import { readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import {
  chartPointCounts,
  dataFile,
  DATA_DIR,
  moviesRatedBy,
  recommendedIds,
  setNumber,
  trainAndWait,
} from './fixtures';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function openEmpty(page: Page, query = ''): Promise<void> {
  await page.goto(`/?demo=0${query}`);
  await expect(page.getByRole('button', { name: 'Use demo data' })).toBeEnabled();
}

async function loadFiles(page: Page, files: string[]): Promise<void> {
  await page.getByLabel('MovieLens files').setInputFiles(files);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText(
    path.basename(files[0] as string),
  );
}

/** Global-mean baseline RMSE as shown in the test metrics table. */
async function baselineRmse(page: Page): Promise<number> {
  const cell = page
    .getByRole('region', { name: 'Test metrics' })
    .locator('[data-metric="globalMean-rmse"]');
  return Number(await cell.textContent());
}

async function chooseUser(page: Page, userId: number): Promise<void> {
  const user = page.getByLabel('User', { exact: true });
  await user.fill(String(userId));
  await user.press('Enter');
  await expect(page.getByRole('region', { name: 'Recommendations' })).toContainText(
    `for user ${userId}`,
  );
  await expect(page.getByRole('region', { name: 'Recommendations' })).toContainText(
    `by user ${userId}`,
  );
}

test('demo data trains and recommends', async ({ page }) => {
  await page.goto('/?epochs=3');
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await expect(summary).toContainText('Synthetic');

  const rmse = await trainAndWait(page, 3);

  expect(rmse).toBeLessThan(await baselineRmse(page));
  expect(await recommendedIds(page)).toHaveLength(10);
  await screenshot(page, 'demo-trained');
});

test('ml-100k on WebGPU: charts, metrics and explorer', async ({ page }) => {
  const ratings = dataFile('ml-100k/u.data');
  const movies = dataFile('ml-100k/u.item');
  test.skip(ratings === null || movies === null, `ml-100k not found under ${DATA_DIR}`);
  await openEmpty(page, '&backend=webgpu&path=adam&epochs=3');
  await loadFiles(page, [ratings as string, movies as string]);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('100,000');

  // Fewer, larger batches: SwiftShader emulates the GPU on the CPU, and each step costs dispatches.
  await setNumber(page, 'Batch size', 4000);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/WebGPU/i);
  await expect.poll(() => chartPointCounts(page), { timeout: 120_000 }).toContain(1);
  await expect
    .poll(async () => Math.min(...(await chartPointCounts(page))), { timeout: 120_000 })
    .toBe(2);
  const rmse = await trainAndWait(page, 3);
  expect(Math.min(...(await chartPointCounts(page)))).toBe(3);
  expect(rmse).toBeLessThan(await baselineRmse(page));

  await chooseUser(page, 1);
  const recommended = await recommendedIds(page);
  const rated = moviesRatedBy(ratings as string, 1);
  expect(recommended.filter((id) => rated.has(id))).toEqual([]);
  await expect(page.getByRole('table', { name: 'Recommended movies' })).toContainText(/\(19\d\d\)/);
  // User 1 rated 272 movies in u.data; the table counts a header row too.
  const ratedTable = page.getByRole('table', { name: 'Rated movies' });
  await expect(ratedTable).toHaveAttribute('aria-rowcount', '273');
  await expect(ratedTable).toContainText(/\(19\d\d\)/);
  await screenshot(page, 'ml-100k-webgpu');
});

test('ml-latest-small on WASM', async ({ page }) => {
  const ratings = dataFile('ml-latest-small/ratings.csv');
  const movies = dataFile('ml-latest-small/movies.csv');
  test.skip(ratings === null || movies === null, `ml-latest-small not found under ${DATA_DIR}`);
  await openEmpty(page, '&backend=wasm');
  await loadFiles(page, [ratings as string, movies as string]);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('100,836');
  await expect(page.getByTestId('read-seconds')).toHaveText(/^\d+\.\d\d s$/);

  const rmse = await trainAndWait(page, 3);
  await expect(page.getByRole('status')).toContainText(/WASM/i);
  expect(rmse).toBeLessThan(await baselineRmse(page));

  await chooseUser(page, 1);
  const recommended = await recommendedIds(page);
  const rated = moviesRatedBy(ratings as string, 1);
  expect(recommended.filter((id) => rated.has(id))).toEqual([]);
  await screenshot(page, 'ml-latest-small-wasm');
});

test('downloaded model loads in a new page', async ({ page, context }) => {
  await page.goto('/?epochs=2&backend=wasm');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  await setNumber(page, 'Epochs', 2);
  await trainAndWait(page, 2);
  await chooseUser(page, 5);
  const before = await recommendedIds(page);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download model' }).click();
  const download = await downloadPromise;
  const modelPath = test.info().outputPath('model.lfm');
  await download.saveAs(modelPath);

  const fresh = await context.newPage();
  await openEmpty(fresh);
  await fresh.getByLabel('Load model').setInputFiles(modelPath);
  await chooseUser(fresh, 5);
  expect(await recommendedIds(fresh)).toEqual(before);
  await screenshot(fresh, 'model-loaded');
  writeFileSync(test.info().outputPath('recommendations.json'), JSON.stringify(before));
});

test('GroupLens zip loads with its movies file', async ({ page }) => {
  const names = ['u.data', 'u.item', 'u.user', 'u.genre', 'u.info', 'README'];
  const paths = names.map((name) => dataFile(`ml-100k/${name}`));
  test.skip(paths.includes(null), `ml-100k not found under ${DATA_DIR}`);
  // Laid out as GroupLens ships ml-100k.zip: one folder with the data set's files.
  const entries = Object.fromEntries(
    names.map((name, index) => [
      `ml-100k/${name}`,
      new Uint8Array(readFileSync(paths[index] as string)),
    ]),
  );
  const zipPath = test.info().outputPath('ml-100k.zip');
  writeFileSync(zipPath, zipSync(entries));
  await openEmpty(page);

  await page.getByLabel('MovieLens files').setInputFiles(zipPath);

  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await expect(summary).toContainText('100,000');
  await expect(summary).toContainText('u.item');
  await expect(summary).toContainText('1,682');
});
