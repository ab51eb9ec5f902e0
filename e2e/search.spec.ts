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

  await search.getByRole('button', { name: 'Train best configuration' }).click();
  const metrics = page.getByRole('region', { name: 'Test metrics' });
  await expect(metrics).toContainText(/RMSE\s*\d/, { timeout: 120_000 });
  await expect(metrics.getByRole('table', { name: 'Ranking metrics' })).toBeVisible();
  const ndcg = Number(await metrics.locator('[data-metric="model-ndcg"]').textContent());
  expect(ndcg).toBeGreaterThanOrEqual(0);
  expect(ndcg).toBeLessThanOrEqual(1);
});
