// The same pages in Hindi, reached through the navigation after switching language.
import { clusters, openFromNav, pageHeading, serialLinks, switchLanguage } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { expectVerifiedTimeline, openUnitBySerial } from './support/units.ts';

test.use({ user: 'deo.pune' });

test('the dashboard, units and a unit read in Hindi', async ({ page, look }) => {
  await page.goto('/');
  await expect(pageHeading(page, 'Dashboard')).toBeVisible();
  await switchLanguage(page, 'hi');
  await expect(pageHeading(page, 'डैशबोर्ड')).toBeVisible();
  await expect(page.getByRole('table', { name: 'स्थिति और प्रकार के अनुसार यूनिट' })).toBeVisible();
  await look('dashboard-hi');

  await openFromNav(page, 'hi', 'units');
  await expect(serialLinks(page).first()).toBeVisible();
  const serial = (await serialLinks(page).first().innerText()).trim();
  await look('units-hi');
  await openUnitBySerial(page, serial, 'hi');
  await expectVerifiedTimeline(page, 'hi');
  await look('unit-hi');
});

test('the map and the custody log read in Hindi, and the choice is kept', async ({ page, look }) => {
  await page.goto('/');
  await switchLanguage(page, 'hi');
  await expect(pageHeading(page, 'डैशबोर्ड')).toBeVisible();
  await look('dashboard-hi-again');
  await openFromNav(page, 'hi', 'map');
  const map = page.getByRole('region', { name: /ज़िले का नक्शा$/ });
  await expect(clusters(map).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('table', { name: 'विधानसभा क्षेत्र' })).toBeVisible();
  await look('map-hi');

  await openFromNav(page, 'hi', 'log');
  await expect(page.getByLabel('हस्ताक्षरित नोट')).toContainText('evmtrail.example/MH/PUNE');
  await expect(page.getByRole('button', { name: 'निर्यात बंडल डाउनलोड करें' })).toBeVisible();
  await look('custody-log-hi');

  // The choice is kept on this device.
  await page.reload();
  await expect(pageHeading(page, 'अभिरक्षा लॉग')).toBeVisible();
  await switchLanguage(page, 'en');
  await expect(pageHeading(page, 'Custody log')).toBeVisible();
});
