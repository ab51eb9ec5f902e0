import { test, expect } from '@playwright/test';
import { recommendedIds, setNumber, trainAndWait } from './fixtures';

/** Builds a small ML-1M-style ratings file: 40 users, each rating 15 of 60 movies. */
function ratingsFile(): Buffer {
  const lines: string[] = [];
  for (let user = 1; user <= 40; user++) {
    for (let slot = 0; slot < 15; slot++) {
      const movie = ((user * 7 + slot * 4) % 60) + 1;
      lines.push(`${user}::${movie}::${((user + movie) % 5) + 1}::978300760`);
    }
  }
  return Buffer.from(lines.join('\n'));
}

function moviesFile(): Buffer {
  const lines = Array.from(
    { length: 60 },
    (_, index) => `${index + 1}::Movie ${index + 1} (1995)::Drama`,
  );
  return Buffer.from(lines.join('\n'));
}

test('no request leaves the app origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL as string).origin;
  const requests: string[] = [];
  // The context receives the requests of the page and of its workers.
  context.on('request', (request) => requests.push(request.url()));
  page.on('request', (request) => requests.push(request.url()));

  await page.goto('/?demo=0&backend=wasm&path=adam&k=8&epochs=2');
  await expect(page.getByRole('button', { name: 'Use demo data' })).toBeEnabled();
  const afterLoad = requests.length;

  await page.getByLabel('MovieLens files').setInputFiles([
    { name: 'ratings.dat', mimeType: 'text/plain', buffer: ratingsFile() },
    { name: 'movies.dat', mimeType: 'text/plain', buffer: moviesFile() },
  ]);
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('ratings.dat');
  await setNumber(page, 'Batch size', 200);
  await trainAndWait(page, 2);
  const user = page.getByLabel('User', { exact: true });
  await user.fill('3');
  await user.press('Enter');
  expect(await recommendedIds(page)).not.toHaveLength(0);

  const foreign = requests.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return parsed.origin !== origin;
  });
  expect(foreign).toEqual([]);
  // After the page has loaded, only the app's own files (worker script, WASM) may be fetched.
  const later = requests.slice(afterLoad).map((url) => new URL(url).pathname);
  for (const path of later) expect(path).toMatch(/\.(js|wasm|mjs)$/);
  test.info().annotations.push({
    type: 'requests after load',
    description: later.length === 0 ? 'none' : [...new Set(later)].join(', '),
  });
});
