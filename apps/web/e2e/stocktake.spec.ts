// Stocktakes (physical verification): the DEO starts one on a warehouse, warehouse staff scan,
// the DEO closes it and reads the report (tagged @field: the scanning is done on phones too).
// Desktop counts the demo's district warehouse (every demo unit is there); the phone, running at
// the same time on the same app, counts the second warehouse, which holds none.
import type { Page, TestInfo } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const PLACE = { desktop: 'WH-PUNE-01', phone: 'WH-PUNE-02' } as const;
const placeOf = (info: TestInfo) => (info.project.name === 'phone' ? PLACE.phone : PLACE.desktop);
/** A serial no district holds, one per project. */
const unknownOf = (info: TestInfo) => (info.project.name === 'phone' ? 'BUB3970001' : 'BUB3960001');

/** Shared by the steps of one project (serial mode: one worker runs them in order). */
const run = { url: '', moved: '', found: [] as string[] };

/** A typed scan on the stocktake's scanning panel; its answer is the newest row of the list. */
async function scan(page: Page, serial: string, outcome: RegExp) {
  const panel = page.getByRole('region', { name: 'Scan the units here' });
  const field = panel.getByLabel('Serial', { exact: true });
  await field.fill(serial);
  await field.press('Enter');
  const newest = panel.getByRole('list', { name: 'Recent scans' }).getByRole('listitem').first();
  await expect(newest).toContainText(serial);
  await expect(newest).toContainText(outcome);
}

async function expectAnswer(page: Page, href: string | null, type: string, start: string) {
  expect(href).not.toBeNull();
  const answer = await page.request.get(href ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain(type);
  expect((await answer.body()).subarray(0, start.length).toString('latin1')).toBe(start);
}

test.describe.configure({ mode: 'serial' });

test.describe('before the count', () => {
  test.use({ user: 'warehouse.pune' });

  test('warehouse staff send a unit out on a vehicle @field', async ({ page, look }, info) => {
    await page.goto('/units?state=in_warehouse');
    await expect(serialLinks(page).nth(8)).toBeVisible();
    await look('stocktake-units');
    const link = serialLinks(page).nth(info.project.name === 'phone' ? 6 : 5);
    run.moved = (await link.innerText()).trim();
    run.found = [(await serialLinks(page).nth(1).innerText()).trim(), (await serialLinks(page).nth(2).innerText()).trim()];
    await link.click();
    await expect(pageHeading(page, run.moved)).toBeVisible();
    const form = page.getByRole('form', { name: 'Record an event' });
    await form.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'Dispatched' });
    const vehicle = await form.getByRole('combobox', { name: 'Goes to' }).locator('option', { hasText: 'VEH-' }).first().getAttribute('value');
    await form.getByRole('combobox', { name: 'Goes to' }).selectOption(vehicle ?? '');
    await form.getByLabel('Reason or remarks').fill('Sent for repair before the stocktake');
    await form.getByRole('button', { name: 'Record event' }).click();
    await expect(page.getByText(`Dispatched: recorded for ${run.moved}.`)).toBeVisible();
    await look('stocktake-moved');
  });
});

test.describe('the DEO starts the stocktake', () => {
  test.use({ user: 'deo.pune' });

  test('start on a warehouse after confirming @field', async ({ page, look }, info) => {
    await page.goto('/');
    await look('stocktake-home');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stocktakes' }).click();
    await expect(pageHeading(page, 'Stocktakes')).toBeVisible();
    await look('stocktakes');
    const place = page.getByRole('combobox', { name: 'Place' });
    const option = await place.locator('option', { hasText: placeOf(info) }).first().getAttribute('value');
    await place.selectOption(option ?? '');
    await page.getByRole('button', { name: /^Start a stocktake of / }).click();
    await expect(page.getByRole('group', { name: 'Start the stocktake?' })).toContainText('frozen now');
    await look('stocktake-confirm');
    await page.getByRole('button', { name: 'Start the stocktake' }).click();
    await expect(pageHeading(page, /^Stocktake \d+: /)).toBeVisible();
    run.url = new URL(page.url()).pathname;
    const expected = Number((await page.locator('td[data-count="expected"]').innerText()).replace(/,/g, ''));
    if (info.project.name === 'phone') expect(expected).toBe(0);
    else expect(expected).toBeGreaterThan(2);
    await expect(page.locator('td[data-count="found"]')).toHaveText('0');
    await look('stocktake-open');
  });
});

test.describe('warehouse staff scan', () => {
  test.use({ user: 'warehouse.pune' });

  test('found, duplicate, belongs elsewhere, unexpected @field', async ({ page, look }, info) => {
    await page.goto(run.url);
    await expect(pageHeading(page, /^Stocktake \d+: /)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close the stocktake' })).toHaveCount(0);
    if (info.project.name !== 'phone') {
      for (const serial of run.found) await scan(page, serial, /Found/);
      await scan(page, run.found[0] ?? '', /Already scanned: not counted again/);
      await expect(page.locator('td[data-count="found"]')).toHaveText('2');
    }
    await scan(page, run.moved, /Not expected here: belongs elsewhere/);
    await scan(page, unknownOf(info), /Unexpected: no unit of this district has this serial/);
    await scan(page, unknownOf(info), /Already scanned: not counted again/);
    await expect(page.locator('td[data-count="unexpected"]')).toHaveText('1');
    await expect(page.locator('td[data-count="elsewhere"]')).toHaveText('1');
    const surprises = page.getByRole('table', { name: 'Found but not expected' });
    await expect(surprises.getByRole('row', { name: new RegExp(`^${unknownOf(info)} Unexpected`) })).toBeVisible();
    await expect(surprises.getByRole('row', { name: new RegExp(`^${run.moved} Belongs elsewhere`) })).toBeVisible();
    await look('stocktake-scanning');
  });
});

test.describe('the DEO closes it', () => {
  test.use({ user: 'deo.pune' });

  test('close, then the report names the missing and the unexpected; PDF and CSV answer @field', async ({ page, look }, info) => {
    await page.goto(run.url);
    await expect(pageHeading(page, /^Stocktake \d+: /)).toBeVisible();
    const notYet = (await page.locator('td[data-count="missing"]').innerText()).trim();
    await page.getByRole('button', { name: 'Close the stocktake' }).click();
    await expect(page.getByText(`${notYet} expected units not found will be reported missing`)).toBeVisible();
    await page.getByRole('button', { name: 'Close and report' }).click();
    await expect(page.getByText('Closed', { exact: true })).toBeVisible();
    await expect(page.locator('td[data-count="missing"]')).toHaveText(notYet);
    if (info.project.name !== 'phone') {
      expect(Number(notYet.replace(/,/g, ''))).toBeGreaterThan(0);
      const missing = page.getByRole('table', { name: /^Missing \(/ });
      await expect(missing.getByRole('row').nth(1)).toContainText('Missing');
      await expect(missing).not.toContainText(run.found[0] ?? '');
    } else {
      expect(notYet).toBe('0');
    }
    await expect(page.getByRole('table', { name: 'Found but not expected' })).toContainText(unknownOf(info));
    await expect(page.getByRole('form', { name: 'Scan the units here' })).toHaveCount(0);
    await look('stocktake-closed');
    const pdf = page.getByRole('group', { name: 'Stocktake report (PDF)' }).getByRole('link', { name: 'English' });
    await expectAnswer(page, await pdf.getAttribute('href'), 'application/pdf', '%PDF-');
    const csv = page.getByRole('link', { name: 'Stocktake report (CSV)' });
    await expectAnswer(page, await csv.getAttribute('href'), 'text/csv', 'serial,expected,outcome');
  });
});
