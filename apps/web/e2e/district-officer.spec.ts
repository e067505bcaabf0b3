// The District Election Officer of Pune: every page of today's app, in English.
import { verifyBundle } from '@evmtrail/shared';
import { readFileSync } from 'node:fs';
import { clusters, pageHeading, serialLinks } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { findUnits, openUnitBySerial, expectVerifiedTimeline } from './support/units.ts';

test.use({ user: 'deo.pune' });

test('the dashboard counts the units of the district', async ({ page, look }) => {
  await page.goto('/');
  await expect(pageHeading(page, 'Dashboard')).toBeVisible();
  const table = page.getByRole('table', { name: 'Units by state and kind' });
  await expect(table.getByRole('rowheader', { name: 'In warehouse' })).toBeVisible();
  const total = await page.getByText('units in this jurisdiction').locator('strong').innerText();
  expect(Number(total.replace(/,/g, ''))).toBeGreaterThan(1000);
  await look('dashboard');
});

test('the units list loads more, narrows by serial prefix and opens a verified unit', async ({ page, look }) => {
  await page.goto('/units');
  const serial = await findUnits(page);
  await look('units');
  await openUnitBySerial(page, serial);
  await expectVerifiedTimeline(page, 'en');
  await look('unit');
  await page.getByRole('link', { name: /Units/ }).last().click();
  await expect(pageHeading(page, 'Units')).toBeVisible();
  await expect(serialLinks(page).first()).toBeVisible();
});

test('the map draws the district from its own data, without tiles', async ({ page, look }) => {
  await page.goto('/map');
  const map = page.getByRole('region', { name: 'Map of Pune district' });
  // Pune's map data is megabytes of JSON: give it time on a busy machine.
  await expect(clusters(map).first()).toBeVisible({ timeout: 90_000 });
  await expect(map.locator('.leaflet-tile')).toHaveCount(0);
  const acs = page.getByRole('table', { name: 'Assembly constituencies' });
  await expect(acs.getByRole('row', { name: /Kothrud/ })).toBeVisible();
  expect(await acs.getByRole('row').count()).toBeGreaterThan(21);
  await look('map');
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await expect(clusters(map).first()).toBeVisible();
});

test('the custody log shows the signed checkpoint and exports a bundle that verifies offline', async ({ page, look }) => {
  await page.goto('/log');
  const note = page.getByLabel('Signed note');
  await expect(note).toContainText('evmtrail.example/MH/PUNE');
  const vkey = (await page.getByRole('definition').filter({ hasText: /^evmtrail\.example\/MH\/PUNE\+/ }).innerText()).trim();
  await look('custody-log');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download export bundle' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^evmtrail\.example_MH_PUNE-\d+\.evmlog\.json$/);
  await expect(page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}.` })).toBeVisible();
  const verified = verifyBundle(readFileSync(await download.path(), 'utf8'), { trustedLogVkeys: [vkey] });
  expect(verified.ok, JSON.stringify(verified)).toBe(true);
});
