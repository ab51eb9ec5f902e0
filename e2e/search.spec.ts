import { test, expect } from '@playwright/test';

test('search picks and retrains the best trial', async ({ page }) => {
  // Two epochs per trial keep the search short; the demo data loads on start.
  await page.goto('/?epochs=2&backend=wasm');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('Synthetic');

  const search = page.getByRole('region', { name: 'Hyper-parameter search' });
  await search.getByLabel('Number of trials').fill('3');
  await search.getByRole('button', { name: 'Start search' }).click();
  await expect(search.locator('.search-status')).toHaveText('Search finished: 3 trials.', {
    timeout: 120_000,
  });

  const results = search.getByRole('table', { name: 'Search results' });
  await expect(results.locator('tbody tr')).toHaveCount(3);
  await expect(results.locator('tr.is-best')).toHaveCount(1);

  // Sorting by validation RMSE puts the best trial first.
  await results.getByRole('button', { name: 'Validation RMSE' }).click();
  await expect(results.getByRole('columnheader', { name: 'Validation RMSE' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(results.locator('tbody tr').first()).toHaveClass(/is-best/);
  const rmseTexts = await results.locator('[data-metric="trial-val-rmse"]').allTextContents();
  const values = rmseTexts.map(Number);
  expect(values).toEqual([...values].sort((a, b) => a - b));

  // Every trial is recorded as a run, scored on validation only.
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.locator('tbody tr')).toHaveCount(3);
  for (const trial of [1, 2, 3]) {
    await expect(page.getByLabel(`Name of run ${trial}`)).toHaveValue(
      new RegExp(`^Search 1 · trial ${trial} · k \\d+ · SGD [\\d.e-]+$`),
    );
  }
  await expect(runs.locator('[data-metric="run-test-rmse"]')).toHaveText(['—', '—', '—']);
  await expect(runs.locator('[data-metric="run-test-mae"]')).toHaveText(['—', '—', '—']);

  await search.getByRole('button', { name: 'Train best configuration' }).click();
  const metrics = page.getByRole('region', { name: 'Test metrics' });
  await expect(metrics).toContainText(/RMSE\s*\d/, { timeout: 120_000 });

  // The retrained best configuration is recorded like a Train run, with its test metrics.
  await expect(runs.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByLabel('Name of run 4')).toHaveValue(/^k \d+ · SGD [\d.e-]+ · WASM #4$/);
  await expect(runs.locator('tbody tr').nth(3).locator('[data-metric="run-test-rmse"]')).toHaveText(
    /^\d+\.\d{4}$/,
  );
  // The retraining has no validation part, and the chart states that instead of staying blank.
  await expect(page.getByRole('region', { name: 'Training charts' })).toContainText(
    'this run has no validation ratings',
  );
  await expect(metrics.getByRole('table', { name: 'Ranking metrics' })).toBeVisible();
  const ndcg = Number(await metrics.locator('[data-metric="model-ndcg"]').textContent());
  expect(ndcg).toBeGreaterThanOrEqual(0);
  expect(ndcg).toBeLessThanOrEqual(1);
});
