// Receipts from the makers: the warehouse imports a manifest, receives by scanning, the DEO
// settles what is left (tagged @field: warehouse staff work on phones too).
import type { Page } from '@playwright/test';
import { pageHeading, serialLinks } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

/** Serials no demo unit uses, one range per project (desktop and phone share one app). */
function serials(project: string) {
  const base = project === 'phone' ? 950_000 : 900_000;
  const s = (prefix: string, n: number) => `${prefix}${String(base + n).padStart(6, '0')}`;
  return { bu1: s('BUB3', 1), bu2: s('BUB3', 2), cu1: s('CUB3', 1), orphan: s('BUB3', 99) };
}

/** A correct manifest line for a serial the demo already holds (kind and model as its serial says). */
function knownLine(serial: string): string {
  const kind = serial.startsWith('VV') ? 'VVPAT' : serial.slice(0, 2);
  return `${kind},M${serial.charAt(3)},${serial},2023`;
}

const orderRef = (project: string) => `SO-E2E-${project.toUpperCase()}`;

async function upload(page: Page, name: string, lines: string[]) {
  await page.getByLabel('Manifest file (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(['kind,model,serial,year', ...lines].join('\n')) });
}

/** A typed scan on the receipt's scanning panel; its answer is the newest row of the list. */
async function scan(page: Page, serial: string, outcome: RegExp) {
  const panel = page.getByRole('region', { name: 'Receive by scanning' });
  const field = panel.getByLabel('Serial', { exact: true });
  await field.fill(serial);
  await field.press('Enter');
  const newest = panel.getByRole('list', { name: 'Recent scans' }).getByRole('listitem').first();
  await expect(newest).toContainText(serial.toUpperCase());
  await expect(newest).toContainText(outcome);
}

test.describe.configure({ mode: 'serial' });

test.describe('warehouse staff receive a supply order', () => {
  test.use({ user: 'warehouse.pune', expectedConsoleErrors: [/status of 412/] });

  test('import a manifest with planted errors, then a clean one, and receive it by scanning @field', async ({ page, look }, info) => {
    const s = serials(info.project.name);
    await page.goto('/units');
    const known = (await serialLinks(page).first().innerText()).trim();
    await look('receipt-units');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Receipts' }).click();
    await expect(pageHeading(page, 'Receipts from the makers')).toBeVisible();
    // The demo's supply order still being received (seed/src/demo/receipts.ts).
    await expect(page.getByRole('table', { name: 'Receipts, newest first' })).toContainText('SO-ECIL-2026-0233');
    await look('receipts');

    const form = page.getByRole('form', { name: 'New receipt' });
    await form.getByLabel('Maker').selectOption('BEL');
    await form.getByLabel('Supply order').fill(orderRef(info.project.name));
    const warehouse = await form.getByLabel('Received into').locator('option', { hasText: 'WH-' }).first().getAttribute('value');
    await form.getByLabel('Received into').selectOption(warehouse ?? '');
    await form.getByRole('button', { name: 'Create and upload the manifest' }).click();
    await expect(pageHeading(page, `Receipt ${orderRef(info.project.name)}`)).toBeVisible();

    await upload(page, 'planted.csv', [
      `BU,M3,${s.bu1},2023`, 'BU,M3,BU-NOT-A-SERIAL,2023', `CU,M3,${s.bu2},2023`, `BU,M3,${s.bu1},2023`, knownLine(known), 'BU,M3,BUE3000001,2023',
    ]);
    const report = page.getByRole('table', { name: 'Problems in the manifest' });
    await expect(report).toBeVisible();
    await expect(report.getByRole('row', { name: /^3 BU-NOT-A-SERIAL The serial is not a maker's serial$/ })).toBeVisible();
    await expect(report.getByRole('row', { name: new RegExp(`^4 ${s.bu2} The serial is of a BU, the line says CU$`) })).toBeVisible();
    await expect(report.getByRole('row', { name: new RegExp(`^5 ${s.bu1} Written twice: also on line 2$`) })).toBeVisible();
    await expect(report.getByRole('row', { name: new RegExp(`^6 ${known} Already held in this district, at `) })).toBeVisible();
    await expect(report.getByRole('row', { name: /^7 BUE3000001 The serial is of ECIL, not of BEL$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Accept the manifest/ })).toBeDisabled();
    await look('receipt-report');

    await upload(page, 'clean.csv', [`BU,M3,${s.bu1},2023`, `BU,M3,${s.bu2},2023`, `CU,M3,${s.cu1},2024`]);
    await expect(page.getByText('All 3 lines are correct.')).toBeVisible();
    await page.getByRole('button', { name: 'Accept the manifest (3 units)' }).click();
    await expect(page.getByRole('region', { name: 'Receive by scanning' })).toBeVisible();
    await expect(page.locator('td[data-count="expected"]')).toHaveText('3');

    await scan(page, s.bu1, /Received/);
    await scan(page, s.bu1.toLowerCase(), /Already received: not counted again/);
    await scan(page, s.orphan, /Orphan: not on the manifest/);
    await scan(page, s.cu1, /Received/);
    await expect(page.locator('td[data-count="received"]')).toHaveText('2');
    await expect(page.locator('td[data-count="orphans"]')).toHaveText('1');
    await look('receipt-receiving');

    await page.getByRole('button', { name: 'Complete the receipt' }).click();
    await expect(page.getByRole('alert')).toContainText(`Receipt ${orderRef(info.project.name)} cannot be completed yet: 1 still open`);
    await page.getByLabel(/Why the rest did not come/).fill('Not on the truck');
    await page.getByRole('button', { name: 'Report the rest missing' }).click();
    await expect(page.locator('td[data-count="missing"]')).toHaveText('1');
    await expect(page.getByRole('table', { name: 'Reported missing' })).toContainText(s.bu2);
    await page.getByRole('button', { name: 'Complete the receipt' }).click();
    await expect(page.getByRole('alert')).toContainText('1 still open (units expected, or orphans and conflicts for the DEO)');
    await look('receipt-refused');
  });
});

test.describe('the DEO settles the orphan and completes', () => {
  test.use({ user: 'deo.pune' });

  test('add the orphan to the receipt, then complete it @field', async ({ page, look }, info) => {
    const s = serials(info.project.name);
    await page.goto('/receipts');
    await expect(page.getByRole('link', { name: orderRef(info.project.name), exact: true })).toBeVisible();
    await look('receipts-deo');
    await page.getByRole('link', { name: orderRef(info.project.name), exact: true }).click();
    await expect(pageHeading(page, `Receipt ${orderRef(info.project.name)}`)).toBeVisible();
    const orphan = page.getByRole('listitem', { name: `Orphan ${s.orphan}` });
    await orphan.getByLabel('Note').fill('Maker confirmed the unit by letter');
    await orphan.getByRole('button', { name: 'Add to this receipt' }).click();
    await expect(page.locator('td[data-count="orphans"]')).toHaveText('0');
    await expect(page.locator('td[data-count="received"]')).toHaveText('3');
    await look('receipt-resolved');
    await page.getByRole('button', { name: 'Complete the receipt' }).click();
    await expect(page.getByText('Completed', { exact: true })).toBeVisible();
    await look('receipt-completed');
  });
});
