import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Real MovieLens files, found through LFM_DATA_DIR or `../shared/data` beside the repository. */
export const DATA_DIR = path.resolve(
  process.env.LFM_DATA_DIR ?? path.join(process.cwd(), '..', 'shared', 'data'),
);

export function dataFile(relativePath: string): string | null {
  const file = path.join(DATA_DIR, relativePath);
  return existsSync(file) ? file : null;
}

/** Raw movie ids a user rated, read straight from a ratings file (any MovieLens layout). */
export function moviesRatedBy(file: string, userId: number): Set<number> {
  const rated = new Set<number>();
  for (const line of readFileSync(file, 'latin1').split(/\r?\n/)) {
    const fields = line.split(/::|\t|,/);
    if (Number(fields[0]) === userId && fields.length >= 3) rated.add(Number(fields[1]));
  }
  return rated;
}

/** Number of points each chart series shows, read from the `data-points` attribute. */
export async function chartPointCounts(page: Page): Promise<number[]> {
  const charts = page.getByRole('region', { name: 'Training charts' }).locator('[data-points]');
  const values = await charts.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-points'))),
  );
  return values;
}

export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
}

/** Starts training and waits until the test metrics appear; returns the model's test RMSE. */
export async function trainAndWait(page: Page, epochs: number): Promise<number> {
  await setNumber(page, 'Epochs', epochs);
  const status = page.locator('[data-run-status]');
  const before = Number(await status.getAttribute('data-runs-requested'));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Wait for this run to end, so an earlier run's metrics are never read.
  await expect(status).toHaveAttribute('data-runs-requested', String(before + 1));
  await expect(status).toHaveAttribute('data-run-status', 'finished', { timeout: 180_000 });
  const metrics = page.getByRole('region', { name: 'Test metrics' });
  await expect(metrics).toContainText(/RMSE\s*\d/);
  const text = (await metrics.textContent()) ?? '';
  const match = /RMSE\s*([0-9.]+)/.exec(text);
  expect(match, `no RMSE value in the test metrics: ${text}`).not.toBeNull();
  return Number(match?.[1]);
}

/** Movie ids in the "Recommended movies" table, from each row's `data-movie-id`. */
export async function recommendedIds(page: Page): Promise<number[]> {
  const rows = page
    .getByRole('table', { name: 'Recommended movies' })
    .locator('tbody tr[data-movie-id]');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-movie-id'))),
  );
}
