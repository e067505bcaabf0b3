// The parties' FLC mock-poll sample through the web app (issue 9 item 3): the DEO plans and starts
// a campaign, keeps the attendance register and puts three CUs on the FLC table; the engineer
// passes them by scan; the DEO draws the sample from the campaign page (an EVMRAND/1 ceremony:
// commitment, dice, reveal, allocation) and the observer cosigns it; the engineer, on a phone-sized
// screen, records one result refused for the wrong tier, one that matches, one entered twice
// (refused) and one mismatch, flagged and blocked; closing while units are under check is refused.
import type { Page } from '@playwright/test';
import { pageHeading, serialLinks, switchLanguage } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

const VALUE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const run = { campaignUrl: '', campaign: '', ceremonyUrl: '', serials: [] as string[] };
const istDay = (offsetDays: number) => new Date(Date.now() + 330 * 60_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

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

test.describe('the DEO runs a campaign', () => {
  test.use({ user: 'deo.pune', expectedConsoleErrors: [/status of 412/] });

  test('plan, start, attendance with times, three CUs onto the FLC table', async ({ page, look }) => {
    await page.goto('/units?state=in_warehouse&kind=CU');
    await expect(serialLinks(page).nth(24)).toBeVisible();
    run.serials = await Promise.all([20, 21, 22].map(async (n) => (await serialLinks(page).nth(n).innerText()).trim()));
    await look('flc-sample-units');

    await page.goto('/flc');
    await expect(pageHeading(page, 'First Level Checking')).toBeVisible();
    await look('flc-sample-plan');
    const form = page.getByRole('form', { name: 'Plan a new FLC campaign' });
    await form.getByLabel('Starts on').fill(istDay(0));
    await form.getByLabel('Ends on').fill(istDay(5));
    await form.getByLabel('Notice to parties dated').fill(istDay(-8));
    await form.getByLabel('FLC supervisor').fill('Smt. V. Joshi, Dy. DEO');
    await form.getByLabel('Recognised parties notified (one per line)').fill('Indian National Congress\nBharatiya Janata Party');
    await form.getByRole('button', { name: 'Plan the campaign' }).click();
    await expect(pageHeading(page, /^FLC-\d+-\d+ · /)).toBeVisible();
    run.campaign = (await page.getByRole('heading', { level: 1 }).innerText()).split(' · ')[0] ?? '';
    run.campaignUrl = page.url();
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await expect(page.getByText('running', { exact: true })).toBeVisible();
    // No sample before any unit passed: the sample panel offers the draw, which is refused with a clear error.
    await page.getByRole('button', { name: 'Draw the mock-poll sample' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'too few eligible CU units' })).toContainText(`FLC campaign ${run.campaign} has no FLC-OK CU`);

    const attend = page.getByRole('form', { name: 'Add to the register' });
    await attend.getByLabel('Name').fill('Shri M. Pawar');
    await attend.getByLabel('Role').selectOption({ label: 'Party representative' });
    await attend.getByLabel('Party / maker').fill('Indian National Congress');
    await attend.getByLabel('In', { exact: true }).fill('09:45');
    await attend.getByLabel('Out', { exact: true }).fill('17:15');
    await attend.getByRole('button', { name: 'Add to the register' }).click();
    const register = page.getByRole('table', { name: 'Daily attendance register' });
    await expect(register.getByRole('row').filter({ hasText: 'Shri M. Pawar' })).toContainText('09:45');

    const start = page.getByRole('form', { name: 'Put units on the FLC table' });
    await start.getByLabel('Serials').fill(run.serials.join('\n'));
    await start.getByRole('button', { name: 'Start FLC of 3 unit(s)' }).click();
    await expect(start.getByRole('status')).toHaveText('3 unit(s) put under FLC.');
    await look('flc-sample-campaign');

    // Closing while the three are under check is refused, naming how many.
    await page.getByRole('button', { name: 'Close the campaign' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot close' })).toContainText(new RegExp(`FLC campaign ${run.campaign} cannot close: \\d+ unit\\(s\\) still under check`));
  });
});

test.describe('the engineer passes the three CUs', () => {
  test.use({ user: 'engineer.bel' });

  test('pass by scan with the pink seals', async ({ page, look }) => {
    await page.goto(run.campaignUrl);
    for (const [i, serial] of run.serials.entries()) {
      await page.getByLabel('Pink paper seal serial').fill(`PK-MP-${i}`);
      await scan(page, serial);
    }
    await look('flc-sample-passed');
  });
});

test.describe('the DEO draws the sample', () => {
  test.use({ user: 'deo.pune' });

  test('from the campaign page to an allocated ceremony', async ({ page, look }) => {
    await page.goto(run.campaignUrl);
    await expect(page.getByRole('button', { name: 'Draw the mock-poll sample' })).toBeVisible();
    await look('flc-sample-ready');
    await page.getByRole('button', { name: 'Draw the mock-poll sample' }).click();
    await expect(pageHeading(page, /^Ceremony MP-/)).toBeVisible();
    run.ceremonyUrl = page.url();
    await expect(page.getByText('FLC mock-poll sample', { exact: true })).toBeVisible();
    const commitForm = page.getByRole('form', { name: 'Register a commitment' });
    await commitForm.getByLabel('Party code').fill('INC');
    await commitForm.getByLabel(/^Secret value/).fill(VALUE);
    await commitForm.getByRole('button', { name: 'Register commitment' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'INC' }).first()).toBeVisible();
    const dice = page.getByRole('form', { name: '3. Public dice' });
    await dice.getByLabel(/^Dice digits/).fill('3141 5926 5358 9793 2384');
    await dice.getByRole('button', { name: 'Enter the dice' }).click();
    await expect(page.getByTestId('dice')).toHaveText('31415926535897932384');
    const reveal = page.getByRole('form', { name: 'Open a reveal' });
    await reveal.getByLabel('Party code').fill('INC');
    await reveal.getByLabel(/^Secret value/).fill(VALUE);
    await reveal.getByRole('button', { name: 'Check and record the reveal' }).click();
    await expect(page.getByRole('form', { name: 'Open a reveal' })).toBeHidden();
    await page.getByRole('button', { name: 'Close the reveals and compute the allocation' }).click();
    await expect(page.getByText('Allocated, awaiting the observer')).toBeVisible();
    const table = page.getByRole('table', { name: /^Allocation by target/ });
    await expect(table.getByRole('rowheader', { name: 'MP-1200' })).toBeVisible();
    await look('flc-sample-allocated');
  });
});

test.describe('the observer cosigns the sample', () => {
  test.use({ user: 'observer.pune' });

  test('finalised; the audit recomputes it', async ({ page, look }) => {
    await page.goto(run.ceremonyUrl);
    const form = page.getByRole('form', { name: '6. Observer’s cosignature' });
    await form.getByLabel('Your password').fill(passwordOf('observer.pune'));
    await form.getByRole('button', { name: 'Cosign and finalise' }).click();
    await expect(page.getByText('Finalised', { exact: true })).toBeVisible();
    await look('flc-sample-finalised');
    await page.getByRole('link', { name: 'Audit and recompute' }).click();
    await expect(page.getByTestId('recompute-verdict')).toHaveAttribute('data-matches', 'true');
    await look('flc-sample-audit');
  });
});

test.describe('the engineer records the mock polls', () => {
  test.use({ user: 'engineer.bel', expectedConsoleErrors: [/status of (400|409)/] });

  test('wrong tier refused, a match, a second entry refused, a mismatch flagged and blocked (phone-sized)', async ({ page, look }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(run.campaignUrl);
    const sample = page.getByRole('table', { name: 'Sampled control units, by tier' });
    await expect(sample.getByRole('row')).toHaveCount(4);
    const rows = sample.getByRole('row');
    const serialOf = async (i: number) => (await rows.nth(i).getByRole('cell').nth(1).innerText()).trim();
    const [top, middle] = [await serialOf(1), await serialOf(2)];
    const form = page.getByRole('form', { name: 'Record a mock-poll result' });
    await form.getByLabel('Sampled unit').selectOption({ value: top });
    await expect(form.getByLabel('Votes cast')).toHaveValue('1200');
    await form.getByLabel('Votes cast').fill('1000');
    await form.getByLabel('CU result total').fill('1000');
    await form.getByLabel('VVPAT slips').fill('1000');
    await form.getByRole('button', { name: 'Record the result' }).click();
    await expect(form.getByRole('alert')).toContainText(`Unit ${top} of FLC campaign ${run.campaign} is in the 1200-vote tier, but 1000 votes cast were entered.`);
    await look('flc-sample-wrong-tier');

    await form.getByLabel('Votes cast').fill('1200');
    await form.getByLabel('CU result total').fill('1200');
    await form.getByLabel('VVPAT slips').fill('1200');
    await form.getByRole('button', { name: 'Record the result' }).click();
    await expect(sample.getByRole('row').filter({ hasText: top })).toContainText('matched');

    await form.getByLabel('Serial (scan or type)').fill(top);
    await form.getByLabel('Votes cast').fill('1200');
    await form.getByLabel('CU result total').fill('1200');
    await form.getByLabel('VVPAT slips').fill('1200');
    await form.getByRole('button', { name: 'Record the result' }).click();
    await expect(form.getByRole('alert')).toContainText(`The mock-poll result of Unit ${top} in FLC campaign ${run.campaign} is already recorded`);

    await form.getByLabel('Sampled unit').selectOption({ value: middle });
    await form.getByLabel('CU result total').fill('1000');
    await form.getByLabel('VVPAT slips').fill('998');
    await form.getByRole('button', { name: 'Record the result' }).click();
    await expect(sample.getByRole('row').filter({ hasText: middle })).toContainText('MISMATCH — blocked');
    await expect(form.getByRole('status')).toContainText(`Unit ${middle}: the counts do not match. The unit is rejected at FLC and blocked.`);
    await look('flc-sample-mismatch-phone');

    await page.goto(`/units/${middle}`);
    await expect(page.getByText('FLC rejected').first()).toBeVisible();
    await look('flc-sample-blocked-unit');
  });
});

test.describe('the DEO reads the sample in Hindi', () => {
  test.use({ user: 'deo.pune' });

  test('the campaign page with its sample and register', async ({ page, look }) => {
    await page.goto(run.campaignUrl);
    await switchLanguage(page, 'hi');
    await expect(page.getByRole('table', { name: 'नमूने की कंट्रोल यूनिटें, श्रेणी अनुसार' })).toContainText('मेल नहीं — रोकी गई');
    await expect(page.getByRole('table', { name: 'दैनिक उपस्थिति रजिस्टर' })).toContainText('09:45');
    await look('flc-sample-hi');
    await switchLanguage(page, 'en');
  });
});
