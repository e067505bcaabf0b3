// The live map (issue 10 item 4): statuses kept live without a reload, filters kept in the URL.
import type { APIRequestContext } from '@playwright/test';
import { appUrl, expect, test } from './support/fixtures.ts';
import { authFile } from './support/paths.ts';

test.use({ user: 'deo.pune' });

async function trpc<T>(request: APIRequestContext, path: string, input: unknown, method: 'get' | 'post' = 'get'): Promise<T> {
  const response = method === 'get'
    ? await request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
    : await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

test('a unit change made in one browser reaches the map open in another within 2 seconds, without a reload', async ({ browser, page, look }) => {
  await page.goto('/map');
  const live = page.locator('.map-live[data-version]');
  await expect(live).toBeVisible({ timeout: 90_000 });
  await look('live-map');
  const before = Number(await live.getAttribute('data-version'));

  // The other browser: the DEO records a damaged unit through the api, then recovers it.
  const other = await browser.newContext({ storageState: authFile('deo.pune'), baseURL: appUrl() });
  try {
    const list = await trpc<{ items: { serial: string }[] }>(other.request, 'unit.list', { state: 'in_warehouse', kind: 'VVPAT', limit: 1 });
    const serial = list.items[0]?.serial ?? '';
    expect(serial).not.toBe('');
    const sent = Date.now();
    await trpc(other.request, 'unit.transition', { serial, event: 'report_damaged', reason: 'Live map check: cracked casing' }, 'post');
    await expect(live).toHaveAttribute('data-version', String(before + 1), { timeout: 2_000 });
    expect(Date.now() - sent).toBeLessThan(2_000);
    await trpc(other.request, 'unit.transition', { serial, event: 'recover', reason: 'Live map check: casing fine' }, 'post');
    await expect(live).toHaveAttribute('data-version', String(before + 2), { timeout: 2_000 });
  } finally {
    await other.close();
  }
});

test('filters by AC, status and a station search stay in the URL over a reload @field', async ({ page, look }) => {
  await page.goto('/map');
  await expect(page.locator('.map-live[data-version]')).toBeVisible({ timeout: 90_000 });
  const filters = page.locator('details.map-filters');
  if (!(await filters.evaluate((d) => (d as HTMLDetailsElement).open))) await filters.locator('summary').click();
  await page.getByLabel('Assembly constituency').selectOption({ label: '210 Kothrud' });
  await page.getByLabel('Poll-day status').selectOption('no_set');
  // AC 210's first stations carry the demo's sets and poll day; station 400 still has none.
  await page.getByLabel('Find a station').fill('400');
  await expect(page).toHaveURL(/[?&]status=no_set&q=/);
  await page.reload();
  await expect(page.locator('.map-live[data-version]')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel('Assembly constituency')).toHaveValue(/\d+/);
  await expect(page.getByLabel('Poll-day status')).toHaveValue('no_set');
  await expect(page.getByLabel('Find a station')).toHaveValue('400');
  await expect(page.getByText('1 polling station shown.')).toBeVisible();
  const found = page.getByRole('list', { name: 'Stations found' });
  await expect(found.getByRole('listitem')).toHaveCount(1);
  await expect(found).toContainText('No set yet');
  await found.getByRole('button').first().click();
  const panel = page.getByRole('region', { name: /PS-AC210/ });
  // Its units are still in the AC strongroom (the sets spec may have built its set there meanwhile).
  await expect(panel).toContainText('No set yet');
  await expect(panel.getByRole('link', { name: /Open the station page/ })).toBeVisible();
  await look('live-map-filtered');
});
