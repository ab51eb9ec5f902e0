import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { recommendedIds, trainAndWait } from './fixtures';

// One page trained once serves every test below, so they run in order on it.
test.describe.configure({ mode: 'serial' });

let page: Page;

/** Saves a screenshot of one region of the page into the test's output folder. */
async function screenshot(name: string, region: string): Promise<void> {
  await page
    .getByRole('region', { name: region, exact: true })
    .screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Movie ids of the rows of one table, from each row's `data-movie-id`. */
async function tableIds(name: string): Promise<number[]> {
  const rows = page.getByRole('table', { name, exact: true }).locator('tbody tr[data-movie-id]');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-movie-id'))),
  );
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/?backend=wasm&epochs=3');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');
  await trainAndWait(page, 3);
  await recommendedIds(page);
});

test.afterAll(async () => {
  await page.close();
});

test('new visitor gets 10 recommendations', async () => {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const ratingControls = page.getByLabel(/^Your rating for /);
  await expect(ratingControls.first()).toBeVisible();

  // Four from the suggested popular movies, the fifth found by title.
  const rated: number[] = [];
  for (let index = 0; index < 4; index++) {
    await ratingControls.nth(index).selectOption(index % 2 === 0 ? '5' : '2');
  }
  const starters = page.locator('.found-movies li[data-movie-id]');
  for (let index = 0; index < 4; index++) {
    rated.push(Number(await starters.nth(index).getAttribute('data-movie-id')));
  }
  const fifth = starters.nth(6);
  const fifthId = Number(await fifth.getAttribute('data-movie-id'));
  const fifthTitle =
    ((await fifth.locator('.found-title').textContent()) ?? '').split(' · ')[0] ?? '';
  await page.getByLabel('Find a movie').fill(fifthTitle.replace(/\s*\(\d{4}\)$/, ''));
  await page.getByLabel(`Your rating for ${fifthTitle}`).selectOption('4');
  rated.push(fifthId);

  await expect(page.getByRole('region', { name: 'Your ratings' })).toContainText(
    'Your ratings (5)',
  );
  await expect.poll(async () => (await tableIds('Recommended for you')).length).toBe(10);
  const recommended = await tableIds('Recommended for you');
  expect(recommended.filter((id) => rated.includes(id))).toEqual([]);
  await expect(page.getByRole('region', { name: 'Your recommendations' })).toContainText(
    /ms, no retraining/,
  );
  await screenshot('visitor', 'Recommendations');
});

test('similar movies and the explanation open from a row', async () => {
  const firstRow = page
    .getByRole('table', { name: 'Recommended for you' })
    .locator('tbody tr[data-movie-id]')
    .first();
  await firstRow.getByRole('button', { name: /^Similar to / }).click();
  expect((await tableIds('Similar movies')).length).toBeGreaterThan(0);
  await screenshot('similar', 'Similar movies view');

  await firstRow.getByRole('button', { name: /^Why / }).click();
  const why = page.getByRole('region', { name: 'Why this recommendation' });
  await expect(why).toContainText('p_u · q_i');
  await expect(why).toContainText('Predicted rating');
  await screenshot('why', 'Why this recommendation');
});

test('taste map renders points', async () => {
  const map = page.locator('figure.taste-map');
  await expect(map).toHaveAttribute('data-points', /^[1-9]\d*$/);
  const shownPoints = await map.getAttribute('data-points');
  const canvas = map.getByRole('img', { name: 'Movie embeddings by first genre' });
  await expect(canvas).toHaveAttribute('data-drawn-points', shownPoints ?? '');
  // The visitor of the first test rated 5 movies and got 10 recommendations.
  await expect(canvas).toHaveAttribute('data-rated', /^[1-9]\d*$/);
  await expect(canvas).toHaveAttribute('data-recommended', /^[1-9]\d*$/);
  await expect(map.getByRole('list', { name: 'Taste map legend' })).toContainText('Recommended');

  const painted = await canvas.evaluate(translucentPixels);
  expect(painted.count).toBeGreaterThan(100);
  await map.screenshot({ path: test.info().outputPath('taste-map.png') });
});

test('taste map shows a title on hover', async () => {
  const canvas = page.getByRole('img', { name: 'Movie embeddings by first genre' });
  const { first } = await canvas.evaluate(translucentPixels);
  expect(first).not.toBeNull();
  await canvas.hover({ position: first ?? { x: 0, y: 0 } });
  const tooltip = page.locator('figure.taste-map').getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveText(/\S/);
});

/**
 * Runs in the page: counts the canvas pixels that are neither empty nor opaque and returns the
 * first one, row by row, in CSS pixels, or null. Those are the translucent genre points and
 * the antialiased edges of the highlights and axis names. The grid lines are opaque. The first
 * such pixel belongs to the topmost point or its highlight, because the axis names sit lower.
 */
function translucentPixels(node: Element): {
  count: number;
  first: { x: number; y: number } | null;
} {
  const canvas = node as HTMLCanvasElement;
  const context = canvas.getContext('2d');
  if (context === null) return { count: 0, first: null };
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const scale = canvas.width / canvas.clientWidth;
  let count = 0;
  let first: { x: number; y: number } | null = null;
  for (let index = 0; index < canvas.width * canvas.height; index++) {
    const alpha = data[index * 4 + 3] ?? 0;
    if (alpha === 0 || alpha === 255) continue;
    count++;
    first ??= {
      x: (index % canvas.width) / scale,
      y: Math.floor(index / canvas.width) / scale,
    };
  }
  return { count, first };
}

test('recommendations export parses as CSV', async () => {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export recommendations' }).click();
  const download = await downloadPromise;
  const file = test.info().outputPath('recommendations.csv');
  await download.saveAs(file);

  const lines = readFileSync(file, 'utf8')
    .split('\r\n')
    .filter((line) => line !== '');
  expect(lines[0]).toBe('user_id,rank,movie_id,title,predicted_rating');
  // 600 demo users, 10 each; every user has far more than 10 unseen movies.
  expect(lines).toHaveLength(1 + 600 * 10);
  const [userId, rank, movieId, , predicted] = (lines[1] ?? '').split(',');
  expect(Number(userId)).toBeGreaterThan(0);
  expect(rank).toBe('1');
  expect(Number(movieId)).toBeGreaterThan(0);
  expect(Number(predicted)).toBeGreaterThanOrEqual(1);
  await screenshot('error-views', 'Error views');
  await screenshot('export', 'Export');
});

test('saved model survives a reload', async () => {
  const saved = page.getByRole('region', { name: 'Saved models' });
  await saved.getByRole('button', { name: 'Save model in browser' }).click();
  await expect(saved.getByRole('table', { name: 'Saved models list' })).toContainText('lfm.model');

  await page.goto('/?backend=wasm&demo=0');
  const list = page.getByRole('table', { name: 'Saved models list' });
  await expect(list).toContainText('lfm.model');
  await list
    .getByRole('button', { name: /^Load saved model / })
    .first()
    .click();
  expect(await recommendedIds(page)).toHaveLength(10);

  // The visitor's ratings were kept in localStorage too.
  await page.getByRole('button', { name: 'New visitor' }).click();
  await expect(page.getByRole('region', { name: 'Your ratings' })).toContainText(
    'Your ratings (5)',
  );
  await expect.poll(async () => (await tableIds('Recommended for you')).length).toBe(10);
  await screenshot('saved-model-reloaded', 'Export');
});
