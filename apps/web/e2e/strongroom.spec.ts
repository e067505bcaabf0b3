// Strongrooms under double lock, in a real browser: a move into a sealed strongroom is refused
// with the sentence that names it; the DEO opens a session with the Dy. DEO's password and the
// witnesses present, the move goes through, the DEO closes it under new seals, and the logbook
// (page and PDF) shows it all. The warehouse in-charge, on a phone, is refused the same way.
import type { Page, TestInfo } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

/** Each project works on its own strongroom and units, so the two can run side by side. */
interface Plan {
  readonly room: string;
  readonly roomName: string;
  /** Seals the demo applied at the room's last close (the district strongroom's, seed/README.md). */
  readonly lastSeals: readonly string[];
  readonly unitIndex: number;
}

function planFor(info: TestInfo): Plan {
  return info.project.name === 'phone'
    ? { room: 'SR-AC206', roomName: 'AC Strongroom, 206', lastSeals: [], unitIndex: 4 }
    : { room: 'SR-PUNE-DIST', roomName: 'District Strongroom, Pune', lastSeals: ['DSR-PUNE-0001', 'DSR-PUNE-0002'], unitIndex: 3 };
}

async function expectPdf(page: Page, href: string | null) {
  expect(href).toMatch(/^\/pdf\/.+\.pdf\?lang=en$/);
  const answer = await page.request.get(href ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('application/pdf');
}

/** Opens the n-th VVPAT in the warehouse; returns its serial and the district in its location link. */
async function openWarehouseUnit(page: Page, n: number, look: (name: string) => Promise<void>): Promise<{ serial: string; districtId: string }> {
  await page.goto('/units?state=in_warehouse&kind=VVPAT');
  await expect(serialLinks(page).nth(n)).toBeVisible();
  await look('strongroom-units');
  const link = serialLinks(page).nth(n);
  const serial = (await link.innerText()).trim();
  await link.click();
  await expect(pageHeading(page, serial)).toBeVisible();
  const place = await page.getByRole('main').getByRole('link', { name: / · / }).getAttribute('href');
  const districtId = /\/locations\/(\d+)\//.exec(place ?? '')?.[1] ?? '';
  expect(districtId).not.toBe('');
  return { serial, districtId };
}

/** Records an event that moves the unit to the place whose code the label starts with; returns that place's id. */
async function recordMove(page: Page, event: string, placeCode: string | RegExp): Promise<string> {
  const form = page.getByRole('form', { name: 'Record an event' });
  await form.getByRole('combobox', { name: 'Event' }).selectOption({ label: event });
  const target = form.getByRole('combobox', { name: 'Goes to' });
  await expect(target).toBeEnabled();
  const options = await target.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
  const option = options.find((o) => (typeof placeCode === 'string' ? o.label.startsWith(`${placeCode} · `) : placeCode.test(o.label)));
  expect(option, `a place ${String(placeCode)} to choose`).toBeDefined();
  await target.selectOption(option?.value ?? '');
  await form.getByRole('button', { name: 'Record event' }).click();
  return option?.value ?? '';
}

test.describe('the DEO of Pune', () => {
  test.use({ user: 'deo.pune', expectedConsoleErrors: [/status of 4\d\d/] });

  test('moves a unit into a strongroom only inside a session it opened with the Dy. DEO @field', async ({ page, look }, info) => {
    // A long walk through many pages on a shared machine.
    test.slow();
    const plan = planFor(info);
    const { serial, districtId } = await openWarehouseUnit(page, plan.unitIndex, look);
    await recordMove(page, 'Dispatched', /^VEH-/);
    await expect(page.getByText(`Dispatched: recorded for ${serial}.`)).toBeVisible();

    // Sealed: the receipt is refused, naming the strongroom and the unit, and nothing changes.
    const roomId = await recordMove(page, 'Received', plan.room);
    const refusal = page.getByRole('alert').filter({ hasText: `is sealed: Unit ${serial} may move in or out only while a strongroom session is open` });
    await expect(refusal.first()).toBeVisible();
    await expect(refusal.first()).toContainText(plan.roomName);
    await expect(page.getByRole('main').getByRole('definition').filter({ hasText: 'In transit' })).toBeVisible();
    await look('strongroom-move-refused');

    await page.goto(`/locations/${districtId}/${roomId}`);
    const status = page.getByTestId('strongroom-status');
    await expect(status).toHaveText('SEALED — nothing may move in or out');
    const open = page.getByRole('form', { name: 'Open a session' });
    await expect(open.getByRole('combobox', { name: 'Second key-holder' })).toHaveValue(/\d+/);
    await look('strongroom-sealed');

    // The witnesses present, two rows.
    const first = open.getByRole('group', { name: 'Witness 1' });
    await first.getByLabel('Name').fill('Sunita Deshmukh');
    await first.getByLabel('Party or office').fill('Indian National Congress');
    await first.getByLabel('ID card number').fill('MH/PA/2026/0117');
    await open.getByRole('button', { name: 'Add a witness' }).click();
    const second = open.getByRole('group', { name: 'Witness 2' });
    await second.getByLabel('Name').fill('Rahul Kulkarni');
    await second.getByLabel('Party or office').fill('Bharatiya Janata Party');
    await second.getByLabel('ID card number').fill('MH/PA/2026/0342');

    // A seal that was not applied at the last close: shown loudly before anything is sent.
    const seals = open.getByLabel('Seal numbers found and broken (one per line)');
    await seals.fill('E2E-9999');
    const mismatch = open.getByRole('alert').filter({ hasText: 'The seals do not match the last close.' });
    await expect(mismatch).toBeVisible();
    await expect(mismatch).toContainText('Not applied at the last close: E2E-9999.');
    await look('strongroom-seal-mismatch');
    await seals.fill(plan.lastSeals.join('\n'));
    await expect(mismatch).toBeHidden();

    // The second key-holder's wrong password: refused, nothing opens.
    await open.getByLabel("Second key-holder's password").fill('not-the-password');
    await open.getByRole('button', { name: 'Open the strongroom' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'is wrong. Nothing was opened.' }).first()).toBeVisible();
    await expect(status).toHaveText('SEALED — nothing may move in or out');

    await open.getByLabel("Second key-holder's password").fill(passwordOf('dydeo.pune'));
    await open.getByRole('button', { name: 'Open the strongroom' }).click();
    await expect(status).toHaveText('OPEN — a session is open');
    await expect(page.getByRole('form', { name: 'Close and seal' })).toBeVisible();
    await look('strongroom-open');

    // Open: the same receipt goes through.
    await page.goto(`/units/${serial}`);
    await expect(pageHeading(page, serial)).toBeVisible();
    await recordMove(page, 'Received', plan.room);
    await expect(page.getByText(`Received: recorded for ${serial}.`)).toBeVisible();
    await look('strongroom-move-done');

    // Closed under new seals.
    await page.goto(`/locations/${districtId}/${roomId}`);
    const close = page.getByRole('form', { name: 'Close and seal' });
    const newSeals = [`E2E-${info.project.name.toUpperCase()}-0001`, `E2E-${info.project.name.toUpperCase()}-0002`];
    await close.getByLabel('Seal numbers applied (one per line)').fill(newSeals.join('\n'));
    await close.getByRole('button', { name: 'Close and seal' }).click();
    await expect(status).toHaveText('SEALED — nothing may move in or out');
    await expect(page.getByRole('main').getByRole('definition').filter({ hasText: newSeals.join(', ') })).toBeVisible();
    await look('strongroom-closed');

    // The logbook: the session with its witnesses and seals, the receipt under it; the PDFs answer.
    await page.getByRole('link', { name: /Open the logbook/ }).click();
    await expect(pageHeading(page, new RegExp(`^Logbook: ${plan.roomName}`))).toBeVisible();
    const sessions = page.getByRole('list', { name: 'Strongroom sessions' });
    await expect(sessions.getByRole('listitem').first()).toContainText('Rahul Kulkarni (Bharatiya Janata Party, MH/PA/2026/0342)');
    await expect(sessions.getByRole('listitem').first()).toContainText(newSeals.join(', '));
    const entries = page.getByRole('list', { name: 'Custody-log entries in or out, newest first' });
    await expect(entries.getByRole('listitem').first()).toContainText('STRONGROOM_CLOSE');
    await expect(entries.getByRole('listitem').filter({ hasText: serial }).first()).toContainText('under strongroom session');
    await look('strongroom-logbook');
    await expectPdf(page, await page.getByRole('group', { name: 'Logbook (PDF)' }).getByRole('link', { name: 'English' }).getAttribute('href'));
    await expectPdf(page, await page.getByRole('group', { name: /^QR labels/ }).getByRole('link', { name: 'English' }).getAttribute('href'));
  });
});

test.describe('the warehouse in-charge of Pune', () => {
  test.use({ user: 'warehouse.pune', expectedConsoleErrors: [/status of 4\d\d/] });

  test('is refused a move into a sealed strongroom and may not open it @field', async ({ page, look }, info) => {
    test.slow();
    const { serial, districtId } = await openWarehouseUnit(page, info.project.name === 'phone' ? 6 : 5, look);
    await recordMove(page, 'Dispatched', /^VEH-/);
    await expect(page.getByText(`Dispatched: recorded for ${serial}.`)).toBeVisible();
    const roomId = await recordMove(page, 'Received', 'SR-AC205');
    await expect(page.getByRole('alert').filter({ hasText: `is sealed: Unit ${serial} may move in or out` }).first()).toBeVisible();
    await look('warehouse-move-refused');
    await page.goto(`/locations/${districtId}/${roomId}`);
    await expect(page.getByTestId('strongroom-status')).toHaveText('SEALED — nothing may move in or out');
    await expect(page.getByText('Only the two key-holders can open or close this strongroom.')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Open a session' })).toHaveCount(0);
    await look('warehouse-strongroom');
  });
});
