import { test, expect, type Page } from '@playwright/test';
import { recommendedIds, setNumber, trainAndWait } from './fixtures';

/** The first bytes of a PNG: signature and the start of the IHDR chunk. */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
]);

/** Small, fast settings: Adam on WASM, k 8, batch 5,000. */
async function openDemo(page: Page, epochs: number): Promise<void> {
  await page.goto(`/?backend=wasm&path=adam&k=8&epochs=${epochs}`);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  await setNumber(page, 'Batch size', 5000);
}

async function chooseUser(page: Page, userId: number): Promise<void> {
  const user = page.getByLabel('User', { exact: true });
  await user.fill(String(userId));
  await user.press('Enter');
  await expect(page.getByRole('region', { name: 'Recommendations' })).toContainText(
    `for user ${userId}`,
  );
}

/** Skips the test when the build has no fault injection (`vite build` without `--mode test`). */
async function requireTestHooks(page: Page): Promise<void> {
  const present = await page.evaluate(() => window.__lfmTestHooks !== undefined);
  test.skip(!present, 'no test hooks in this build; build with `npx vite build --mode test`');
}

test('bad files keep the trained model and name file and line', async ({ page }) => {
  await openDemo(page, 2);
  await trainAndWait(page, 2);
  await chooseUser(page, 5);
  const before = await recommendedIds(page);
  const files = page.getByLabel('MovieLens files');
  const alert = page.getByRole('alert');

  await files.setInputFiles({ name: 'ratings.dat', mimeType: 'image/png', buffer: PNG });
  await expect(alert).toContainText('Loading failed.');
  await expect(alert).toContainText('ratings.dat line 1');
  await expect(alert).toContainText('binary file');
  await expect(page.getByText('The previous data set and model are still loaded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  expect(await recommendedIds(page)).toEqual(before);

  const json = Buffer.from('{"userId": 1, "movieId": 2, "rating": 4}\n');
  await files.setInputFiles({ name: 'ratings.csv', mimeType: 'application/json', buffer: json });
  await expect(alert).toContainText('ratings.csv line 1');
  await expect(alert).toContainText('JSON is not supported');

  const fiveColumns = Buffer.from('1::10::4::100::x\n2::20::3::100::x\n');
  await files.setInputFiles({ name: 'ratings.dat', mimeType: 'text/plain', buffer: fiveColumns });
  await expect(alert).toContainText('Line 1 "1::10::4::100::x"');
  await expect(alert).toContainText('4 fields separated by "::", got 5');

  await chooseUser(page, 7);
  expect(await recommendedIds(page)).toHaveLength(10);
});

test('new data set keeps the explorer on the old model', async ({ page }) => {
  await openDemo(page, 1);
  await trainAndWait(page, 1);
  const ratings = Buffer.from('1::10::4::1\n1::20::3::1\n2::10::5::1\n2::30::2::1\n');

  await page
    .getByLabel('MovieLens files')
    .setInputFiles({ name: 'ratings.dat', mimeType: 'text/plain', buffer: ratings });

  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('ratings.dat');
  await expect(page.getByTestId('model-dataset-note')).toContainText(
    'The data set loaded above (ratings.dat)',
  );
  await chooseUser(page, 5);
  expect(await recommendedIds(page)).toHaveLength(10);
});

test('diverged run keeps the last good model', async ({ page }) => {
  await openDemo(page, 6);
  await requireTestHooks(page);
  await page.evaluate(() => window.__lfmTestHooks?.divergeAfterEpoch(2));

  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Training diverged.');
  await expect(alert).toContainText('NaN or Infinity in epoch 3');
  await expect(alert).toContainText('Lower the learning rate');
  await expect(page.locator('.training-status')).toContainText('Training failed after 2 epochs');
  const recommended = page.getByRole('table', { name: 'Recommended movies' });
  await expect(recommended).toBeVisible();
  expect(await recommendedIds(page)).toHaveLength(10);
  await expect(recommended).not.toContainText('NaN');
});

test('backend error mid-run falls back and finishes', async ({ page }) => {
  await openDemo(page, 2);
  await requireTestHooks(page);
  await page.evaluate(() => window.__lfmTestHooks?.failBackendAfterEpoch(1));

  await trainAndWait(page, 2);

  const status = page.locator('.training-status');
  await expect(status).toContainText('WASM failed during training (GPU device was lost');
  await expect(status).toContainText('resumed after epoch 1 on CPU');
  await expect(status).toContainText('Finished 2 epochs');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('crashed worker is restarted and says so', async ({ page }) => {
  await openDemo(page, 1);
  await requireTestHooks(page);

  await page.evaluate(() => window.__lfmTestHooks?.crashWorker());

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Worker restarted.');
  await expect(alert).toContainText('load the data again');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use demo data' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  await trainAndWait(page, 1);
});
