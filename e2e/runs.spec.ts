import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DEFAULT_TRAIN_CONFIG } from '../src/core/model/config';
import { dataFile, setNumber, trainAndWait } from './fixtures';

const EPOCHS = 2;
/** Run names start with k, the path and its step size, e.g. "k 4 · Adam 0.007 · WASM #1". */
const LR = `Adam ${DEFAULT_TRAIN_CONFIG.learningRate}`;

/** `data-series-count` of every training chart: how many runs each one draws. */
async function seriesCounts(page: Page): Promise<number[]> {
  const charts = page
    .getByRole('region', { name: 'Training charts' })
    .locator('[data-series-count]');
  return charts.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-series-count'))),
  );
}

/** Opens the page with ml-100k loaded, or the demo data when the files are absent. */
async function openWithData(page: Page): Promise<string> {
  const ratings = dataFile('ml-100k/u.data');
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  if (ratings === null) {
    await page.goto(`/?backend=wasm&path=adam&epochs=${EPOCHS}`);
    await expect(summary).toContainText('Synthetic');
    return 'demo';
  }

  await page.goto(`/?demo=0&backend=wasm&path=adam&epochs=${EPOCHS}`);
  await page.getByLabel('MovieLens files').setInputFiles([ratings]);
  await expect(summary).toContainText('100,000');
  return path.basename(ratings);
}

async function exportRuns(page: Page, format: 'JSON' | 'CSV'): Promise<string> {
  await page.getByLabel('Export format').selectOption({ label: format });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export runs' }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}

test('runs are recorded, compared, kept and exported', async ({ page }) => {
  await openWithData(page);
  const runsTable = page.getByRole('table', { name: 'Runs' });

  await setNumber(page, 'Latent dimension', 4);
  await trainAndWait(page, EPOCHS);
  await expect(runsTable.locator('tbody tr')).toHaveCount(1);
  await setNumber(page, 'Latent dimension', 16);
  await trainAndWait(page, EPOCHS);
  await expect(runsTable.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByLabel('Name of run 1')).toHaveValue(`k 4 · ${LR} · WASM #1`);
  await expect(page.getByLabel('Name of run 2')).toHaveValue(`k 16 · ${LR} · WASM #2`);

  // Only the live run is drawn until runs are ticked; the live run is run 2.
  expect(await seriesCounts(page)).toEqual([1, 1, 1]);
  await page.getByRole('checkbox', { name: `Compare k 4 · ${LR} · WASM #1` }).check();
  await page.getByRole('checkbox', { name: `Compare k 16 · ${LR} · WASM #2` }).check();
  await expect.poll(() => seriesCounts(page)).toEqual([2, 2, 2]);
  await page
    .getByRole('region', { name: 'Training charts' })
    .screenshot({ path: test.info().outputPath('runs-compared.png') });

  // At the 1280 px viewport the runs table fits the Charts panel, Delete buttons included.
  const runsScroll = runsTable.locator('xpath=..');
  const overflow = await runsScroll.evaluate((node) => node.scrollWidth - node.clientWidth);
  expect(overflow, 'pixels of the runs table hidden to the right').toBeLessThanOrEqual(0);
  const scrollBox = await runsScroll.boundingBox();
  const deleteBox = await page
    .getByRole('button', { name: `Delete k 16 · ${LR} · WASM #2` })
    .boundingBox();
  expect(scrollBox).not.toBeNull();
  expect(deleteBox).not.toBeNull();
  if (scrollBox !== null && deleteBox !== null) {
    expect(deleteBox.x + deleteBox.width, 'right edge of Delete').toBeLessThanOrEqual(
      scrollBox.x + scrollBox.width,
    );
  }

  // Retrain runs k 4 again as run 3; Delete removes it.
  await page.getByRole('button', { name: `Retrain k 4 · ${LR} · WASM #1` }).click();
  await expect(page.getByLabel('Name of run 3')).toHaveValue(`k 4 · ${LR} · WASM #3`);
  await expect(page.getByLabel('Latent dimension', { exact: true })).toHaveValue('4');
  await page.getByRole('button', { name: `Delete k 4 · ${LR} · WASM #3` }).click();
  await expect(runsTable.locator('tbody tr')).toHaveCount(2);

  await page.reload();
  await expect(runsTable.locator('tbody tr')).toHaveCount(2);
  await page.getByRole('checkbox', { name: `Compare k 4 · ${LR} · WASM #1` }).check();
  await page.getByRole('checkbox', { name: `Compare k 16 · ${LR} · WASM #2` }).check();
  await expect.poll(() => seriesCounts(page)).toEqual([2, 2, 2]);

  await page.screenshot({ path: '/tmp/runs-after-reload.png', fullPage: true });

  const json = JSON.parse(await exportRuns(page, 'JSON')) as {
    runs: { config: { k: number }; epochs: { epoch: number }[] }[];
  };
  expect(json.runs.map((run) => run.config.k)).toEqual([4, 16]);
  for (const run of json.runs) {
    expect(
      run.epochs.map((epoch) => epoch.epoch),
      `epochs of the k ${run.config.k} run`,
    ).toEqual([1, 2]);
  }

  const csv = (await exportRuns(page, 'CSV')).trimEnd().split('\r\n');
  const header = csv[0]?.split(',') ?? [];
  const kColumn = header.indexOf('k');
  expect(csv.slice(1).map((line) => line.split(',')[kColumn])).toEqual(['4', '4', '16', '16']);

  // Runs of another data set are greyed and left out until the user allows them.
  await page.getByRole('button', { name: 'Use demo data' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  await expect(runsTable).toContainText('not the loaded data set');
  await expect.poll(() => seriesCounts(page)).toEqual([0, 0, 0]);
  await page.getByLabel('Compare runs of other data sets').check();
  await expect.poll(() => seriesCounts(page)).toEqual([2, 2, 2]);
});
