// The District Election Officer of Pune through the new flows: a filter kept in the URL, a
// unit's location page, PDFs, and an event recorded through the form.
import type { Page } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ user: 'deo.pune' });

/** "1,234 units match" on the list: the number. */
async function totalShown(page: Page): Promise<number> {
  const status = page.getByRole('main').getByRole('status').filter({ hasText: /units? match/ });
  await expect(status).toBeVisible();
  const text = await status.innerText();
  return Number(/([\d,]+) units? match/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** GETs a link's address with the page's session and checks that a PDF comes back. */
async function expectPdf(page: Page, href: string | null) {
  expect(href).toMatch(/^\/pdf\/.+\.pdf\?lang=en$/);
  const answer = await page.request.get(href ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('application/pdf');
  expect((await answer.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

test('a kind filter on the unit list survives a reload', async ({ page, look }) => {
  await page.goto('/units');
  const all = await totalShown(page);
  const kind = page.getByRole('combobox', { name: 'Kind' });
  await kind.selectOption({ label: 'Control Unit' });
  await expect(page).toHaveURL(/[?&]kind=CU\b/);
  await expect.poll(() => totalShown(page)).toBeLessThan(all);
  const controlUnits = await totalShown(page);
  expect(controlUnits).toBeGreaterThan(0);
  await page.reload();
  await expect(pageHeading(page, 'Units')).toBeVisible();
  await expect(kind).toHaveValue('CU');
  await expect.poll(() => totalShown(page)).toBe(controlUnits);
  await look('units-filtered');
});

test("a unit's location link opens the location page; both pages' PDF links answer a PDF", async ({ page, look }) => {
  await page.goto('/units');
  await expect(serialLinks(page).first()).toBeVisible();
  await look('units-list');
  await serialLinks(page).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Custody timeline' })).toBeVisible();
  await look('unit-page');
  const unitPdf = page.getByRole('group', { name: 'Unit record (PDF)' }).getByRole('link', { name: 'English' });
  await expectPdf(page, await unitPdf.getAttribute('href'));

  // "WH-D0412-01 · District warehouse, Pune (Warehouse)": the name is the location page's heading.
  const placeLink = page.getByRole('main').getByRole('link', { name: / · / });
  const name = / · (.+) \([^)]+\)$/.exec((await placeLink.innerText()).trim())?.[1] ?? '';
  expect(name).not.toBe('');
  await placeLink.click();
  await expect(pageHeading(page, name)).toBeVisible();
  await expect(page).toHaveURL(/\/locations\/\d+\/\d+/);
  await expect(page.getByRole('table', { name: 'Units here by state and kind' })).toBeVisible();
  await expect(serialLinks(page).first()).toBeVisible();
  await look('location-page');
  const locationPdf = page.getByRole('group', { name: 'Units at this place (PDF)' }).getByRole('link', { name: 'English' });
  await expectPdf(page, await locationPdf.getAttribute('href'));
});

test('records an event through the form and sees it on the timeline', async ({ page, look }) => {
  await page.goto('/units?state=in_warehouse');
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('in_warehouse');
  // The last unit listed: other tests open the first ones.
  await expect(serialLinks(page).first()).toBeVisible();
  await look('units-in-warehouse');
  const link = serialLinks(page).last();
  const serial = (await link.innerText()).trim();
  await link.click();
  await expect(pageHeading(page, serial)).toBeVisible();
  const form = page.getByRole('form', { name: 'Record an event' });
  await form.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'FLC started' });
  await form.getByLabel('Reason or remarks').fill('FLC hall opened by the e2e test');
  await form.getByRole('button', { name: 'Record event' }).click();
  await expect(page.getByText(`FLC started: recorded for ${serial}.`)).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Custody timeline' });
  await expect(timeline.getByRole('listitem').first()).toContainText('FLC started');
  await expect(page.getByRole('main').getByRole('definition').filter({ hasText: 'FLC in progress' })).toBeVisible();
  await look('unit-recorded');
});
