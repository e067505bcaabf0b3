// First Level Checking (issue 9): the DEO plans a campaign and is refused a start before the
// parties' notice period; a BEL engineer on a phone records a pass and a fail by scan on the
// demo's running campaign; the supervisor sees them in the progress and the latest results.
// Desktop and phone run the engineer's test at once on the same app, each on its own units.
import type { Page, TestInfo } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const run = { campaign: '', serials: [] as string[] };
const firstUnit = (info: TestInfo) => (info.project.name === 'phone' ? 0 : 2);

async function openDemoCampaign(page: Page, look: (name: string) => Promise<void>, name: string) {
  await page.goto('/flc');
  await expect(pageHeading(page, 'First Level Checking')).toBeVisible();
  await look(name);
  const link = page.getByRole('table', { name: 'FLC campaigns, newest first' }).getByRole('row').filter({ hasText: 'running' }).getByRole('link').first();
  run.campaign = (await link.innerText()).trim();
  await link.click();
  await expect(pageHeading(page, new RegExp(`^${run.campaign} · `))).toBeVisible();
}

async function scan(page: Page, serial: string) {
  const panel = page.getByRole('region', { name: 'Scan the unit' });
  const field = panel.getByLabel('Serial', { exact: true });
  await field.fill(serial);
  await field.press('Enter');
  const newest = panel.getByRole('list', { name: 'Recent scans' }).getByRole('listitem').first();
  await expect(newest).toContainText(serial);
  await expect(newest).toContainText('Recorded');
}

test.describe.configure({ mode: 'serial' });

test.describe('the DEO plans a campaign', () => {
  test.use({ user: 'deo.pune', expectedConsoleErrors: [/status of 412/] });

  test('a start before the parties have had 7 days of notice is refused, naming the date', async ({ page, look }) => {
    await page.goto('/flc');
    await look('flc-list');
    const form = page.getByRole('form', { name: 'Plan a new FLC campaign' });
    await form.getByLabel('FLC supervisor').fill('Shri P. More, Dy. DEO');
    await form.getByLabel('Recognised parties notified (one per line)').fill('Party A\nParty B');
    await form.getByRole('button', { name: 'Plan the campaign' }).click();
    await expect(pageHeading(page, /^FLC-\d+-\d+ · /)).toBeVisible();
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await expect(page.getByRole('alert')).toContainText(/cannot start before \d{4}-\d{2}-\d{2}/);
    await look('flc-refused');
  });
});

test.describe('the engineer records results', () => {
  test.use({ user: 'engineer.bel' });

  test('a pass with the pink seal and a fail with a fault, by scan @field', async ({ page, look }, info) => {
    await page.goto('/units?state=flc_in_progress');
    await expect(serialLinks(page).nth(3)).toBeVisible();
    await look('flc-units');
    const n = firstUnit(info);
    run.serials = [(await serialLinks(page).nth(n).innerText()).trim(), (await serialLinks(page).nth(n + 1).innerText()).trim()];
    await openDemoCampaign(page, look, 'flc-list-engineer');
    await page.getByLabel('Pink paper seal serial').fill(`PK-E2E-${info.project.name}`);
    await scan(page, run.serials[0] ?? '');
    await page.getByRole('radio', { name: 'Fail' }).check();
    await page.getByRole('combobox', { name: 'Fault code' }).selectOption({ label: 'Printer' });
    await page.getByLabel('Note').fill('Paper feed jams');
    await scan(page, run.serials[1] ?? '');
    await look('flc-recorded');
  });
});

test.describe('the supervisor sees the progress', () => {
  test.use({ user: 'deo.pune' });

  test('both results are in the latest results and the rejections by fault @field', async ({ page, look }) => {
    await openDemoCampaign(page, look, 'flc-list-supervisor');
    const results = page.getByRole('table', { name: 'Latest results' });
    await expect(results.getByRole('row').filter({ hasText: run.serials[0] ?? '' })).toContainText('Pass');
    await expect(results.getByRole('row').filter({ hasText: run.serials[1] ?? '' })).toContainText('Paper feed jams');
    await expect(page.getByRole('listitem').filter({ hasText: /^Printer: \d+$/ })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Units checked per day, by kind' })).toBeVisible();
    const href = await page.getByRole('group', { name: "Supervisor's certificate (PDF)" }).getByRole('link', { name: 'हिन्दी' }).getAttribute('href');
    const pdf = await page.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await look('flc-progress');
  });
});
