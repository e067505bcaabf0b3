// Field roles (tagged @field: these run on the phone project too).
import { openFromNav, pageHeading, serialLinks, switchLanguage } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { expectVerifiedTimeline, openUnitBySerial } from './support/units.ts';

test.describe('warehouse staff', () => {
  test.use({ user: 'warehouse.pune' });

  test('find a unit by its serial and see its verified history @field', async ({ page, look }) => {
    await page.goto('/units');
    await expect(pageHeading(page, 'Units')).toBeVisible();
    await expect(serialLinks(page).first()).toBeVisible();
    const serial = (await serialLinks(page).nth(3).innerText()).trim();
    await look('warehouse-units');
    await openUnitBySerial(page, serial);
    await expectVerifiedTimeline(page, 'en');
    await look('warehouse-unit');
    await switchLanguage(page, 'hi');
    await expectVerifiedTimeline(page, 'hi');
    await look('warehouse-unit-hi');
  });
});

test.describe('sector officer', () => {
  test.use({ user: 'sector.ac210' });

  test('sees the dashboard of their AC and reaches every page from the menu @field', async ({ page, look }) => {
    await page.goto('/');
    await expect(pageHeading(page, 'Dashboard')).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Kothrud');
    await look('sector-dashboard');
    await switchLanguage(page, 'hi');
    await openFromNav(page, 'hi', 'units');
    await look('sector-units-hi');
    await openFromNav(page, 'hi', 'log');
    await expect(page.getByLabel('हस्ताक्षरित नोट')).toContainText('evmtrail.example/MH/PUNE');
    await look('sector-custody-log-hi');
  });
});
