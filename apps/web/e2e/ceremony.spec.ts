// A first randomisation through the web app on the demo district: the DEO freezes the pool and
// demand for AC 215, a party commits (its value stays in the browser, only the hash is sent), the
// DEO enters the dice, the party reveals, the allocation is computed, and the observer cosigns it
// with their password. The dice form is gone after the dice; no second cosignature is offered.
// Then the allocation drives the units: the DEO prepares the consignment to SR-AC215, the
// warehouse loads it (a unit not allocated to AC 215 is refused, naming it and the AC) and
// dispatches it, the DEO opens SR-AC215 with the Dy. DEO, and the receipt by scan lands the units
// in the AC strongroom. (AC 215, the smallest: the demo's FLC-OK pool holds only some 750 VVPATs.)
import type { Page } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

const VALUE = '00112233445566778899aabbccddeeff';
const run = { url: '', consignment: '', loaded: [] as string[] };

async function scanInto(page: Page, region: string, serial: string) {
  const panel = page.getByRole('region', { name: region });
  const field = panel.getByLabel('Serial', { exact: true });
  await field.fill(serial);
  await field.press('Enter');
  const newest = panel.getByRole('list', { name: 'Recent scans' }).getByRole('listitem').first();
  await expect(newest).toContainText(serial);
  return newest;
}

test.describe.configure({ mode: 'serial' });

test.describe('the DEO runs the draw', () => {
  test.use({ user: 'deo.pune' });

  test('freeze, commit, dice, reveal, allocate', async ({ page, look }) => {
    await page.goto('/ceremonies');
    await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
    await look('ceremonies');
    const form = page.getByRole('form', { name: 'New ceremony' });
    await form.getByRole('checkbox', { name: /^215 / }).check();
    await form.getByRole('button', { name: 'Freeze pool and demand' }).click();
    await expect(pageHeading(page, /^Ceremony R1-/)).toBeVisible();
    run.url = page.url();
    await look('ceremony-frozen');

    const commitForm = page.getByRole('form', { name: 'Register a commitment' });
    await commitForm.getByLabel('Party code').fill('INC');
    await commitForm.getByLabel(/^Secret value/).fill(VALUE);
    await commitForm.getByRole('button', { name: 'Register commitment' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'INC' }).first()).toBeVisible();

    const dice = page.getByRole('form', { name: '3. Public dice' });
    await dice.getByLabel(/^Dice digits/).fill('6215 3344 1256 6543 2116');
    await dice.getByRole('button', { name: 'Enter the dice' }).click();
    await expect(page.getByTestId('dice')).toHaveText('62153344125665432116');

    const reveal = page.getByRole('form', { name: 'Open a reveal' });
    await reveal.getByLabel('Party code').fill('INC');
    await reveal.getByLabel(/^Secret value/).fill(VALUE);
    await reveal.getByRole('button', { name: 'Check and record the reveal' }).click();
    await expect(page.getByRole('form', { name: 'Open a reveal' })).toBeHidden();
    // The dice form is gone once entered: the dice cannot change.
    await expect(page.getByRole('form', { name: '3. Public dice' })).toBeHidden();

    await page.getByRole('button', { name: 'Close the reveals and compute the allocation' }).click();
    await expect(page.getByText('Allocated, awaiting the observer')).toBeVisible();
    const table = page.getByRole('table', { name: /^Allocation by target/ });
    await expect(table.getByRole('rowheader', { name: 'AC-215' })).toBeVisible();
    await expect(page.getByText(/\|C=INC:00112233445566778899aabbccddeeff$/)).toBeVisible();
    await look('ceremony-allocated');
  });
});

test.describe('the observer cosigns', () => {
  test.use({ user: 'observer.pune' });

  test('finalise with the password; no second cosignature is offered', async ({ page, look }) => {
    await page.goto(run.url);
    const form = page.getByRole('form', { name: '6. Observer’s cosignature' });
    await form.getByLabel('Your password').fill(passwordOf('observer.pune'));
    await form.getByRole('button', { name: 'Cosign and finalise' }).click();
    await expect(page.getByText('Finalised', { exact: true })).toBeVisible();
    await expect(page.getByText(/^Done by observer\.pune/)).toBeVisible();
    await expect(page.getByRole('form', { name: '6. Observer’s cosignature' })).toBeHidden();
    await look('ceremony-finalised');
    await page.setViewportSize({ width: 390, height: 844 });
    await look('ceremony-finalised-phone');
  });
});

test.describe('the DEO prepares the consignment to the AC strongroom', () => {
  test.use({ user: 'deo.pune' });

  test('one consignment per AC from the allocation', async ({ page, look }) => {
    await page.goto(run.url);
    const panel = page.getByRole('group', { name: 'Consignments to the AC strongrooms' });
    await expect(panel).toContainText('Training units are left out');
    await panel.getByRole('button', { name: 'Prepare consignments from the allocation' }).click();
    const made = panel.getByRole('list', { name: 'Consignments prepared' }).getByRole('listitem');
    await expect(made).toHaveCount(1);
    await expect(made.first()).toContainText('AC 215 Kasba Peth');
    await look('ceremony-consignments-prepared');
    await made.first().getByRole('link').click();
    await expect(pageHeading(page, /^Consignment CN-\d+$/)).toBeVisible();
    await expect(page.getByTestId('consignment-ac')).toContainText('AC 215 Kasba Peth');
    run.consignment = page.url();
    await look('consignment-to-ac-draft');
  });
});

test.describe('the warehouse loads and dispatches it', () => {
  test.use({ user: 'warehouse.pune', expectedConsoleErrors: [/status of 400/] });

  test('a unit not allocated to AC 215 is refused; all of its units loaded and sent', async ({ page, look }) => {
    // Any FLC-OK unit still in the district pool is not allocated to AC 215.
    await page.goto('/units?state=flc_ok&kind=BU');
    await expect(serialLinks(page).first()).toBeVisible();
    await look('units-flc-ok');
    const stranger = (await serialLinks(page).first().innerText()).trim();
    await page.goto(run.consignment);
    await expect(page.getByText(/Only the units the first randomisation allocated to AC 215 Kasba Peth can be loaded/)).toBeVisible();
    const refused = await scanInto(page, 'Load by scanning', stranger);
    await expect(refused).toContainText(`Unit ${stranger} is not allocated to AC 215 Kasba Peth`);
    await look('consignment-to-ac-refused');
    await page.getByText('Pick units from a list').click();
    const all = page.getByRole('button', { name: /^Choose all \d+$/ });
    await expect(all).toBeVisible();
    const n = /(\d+)$/.exec(await all.innerText())?.[1] ?? '0';
    expect(Number(n)).toBeGreaterThan(269 * 3 - 1);
    await all.click();
    await page.getByRole('button', { name: `Load ${n} chosen unit(s)` }).click();
    await expect(page.getByTestId('consignment-counts')).toHaveText(`0 received of ${n} loaded`);
    run.loaded = (await page.getByRole('region', { name: 'Units on this consignment' }).getByRole('link').allInnerTexts()).slice(0, 2).map((s) => s.trim());
    const dispatch = page.getByRole('form', { name: 'Dispatch' });
    await dispatch.getByLabel('Vehicle number').fill('MH12EV2150');
    await dispatch.getByLabel('Driver').fill('Anil Kale');
    await dispatch.getByLabel('Escort').fill('HC Vijay More');
    await dispatch.getByLabel('Vehicle seal numbers').fill('VS-2151, VS-2152');
    await dispatch.getByRole('button', { name: `Dispatch ${n} unit(s)` }).click();
    await expect(page.getByTestId('consignment-status')).toHaveText('In transit');
    await look('consignment-to-ac-dispatched');
  });
});

test.describe('the AC strongroom receives it', () => {
  test.use({ user: 'deo.pune' });

  test('the DEO opens SR-AC215 with the Dy. DEO as second key-holder', async ({ page, look }) => {
    await page.goto(run.consignment);
    await expect(page.getByTestId('consignment-status')).toHaveText('In transit');
    await look('consignment-to-ac-in-transit');
    await page.getByRole('main').getByRole('link', { name: 'AC Strongroom, 215 Kasba Peth' }).click();
    const status = page.getByTestId('strongroom-status');
    await expect(status).toHaveText('SEALED — nothing may move in or out');
    const open = page.getByRole('form', { name: 'Open a session' });
    const witness = open.getByRole('group', { name: 'Witness 1' });
    await witness.getByLabel('Name').fill('Sunita Deshmukh');
    await witness.getByLabel('Party or office').fill('Indian National Congress');
    await witness.getByLabel('ID card number').fill('MH/PA/2026/0117');
    await open.getByLabel("Second key-holder's password").fill(passwordOf('dydeo.pune'));
    await open.getByRole('button', { name: 'Open the strongroom' }).click();
    await expect(status).toHaveText('OPEN — a session is open');
    await look('ac-strongroom-open');
  });
});

test.describe('the warehouse scans the units in', () => {
  test.use({ user: 'warehouse.pune' });

  test('receipt by scan lands them in the AC strongroom', async ({ page, look }) => {
    await page.goto(run.consignment);
    await expect(page.getByText(/Received by scan into the AC strongroom/)).toBeVisible();
    for (const serial of run.loaded) await expect(await scanInto(page, 'Receive by scanning', serial)).toContainText(/Accepted|accepted|received/i);
    await expect(page.getByTestId('consignment-counts')).toContainText('2 received of');
    await look('consignment-to-ac-received');
    await page.goto(`/units/${run.loaded[0] ?? ''}`);
    await expect(page.getByRole('main').getByText('In AC strongroom').first()).toBeVisible();
    await expect(page.getByRole('main').getByText(/AC Strongroom, 215 Kasba Peth/).first()).toBeVisible();
    await look('unit-in-ac-strongroom');
  });
});
