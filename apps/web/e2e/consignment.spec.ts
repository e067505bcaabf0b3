// Consignments: warehouse staff send units to a maker for repair (picked from a list, dispatched
// with vehicle, driver, escort and seals), then receive it partially by scanning and resolve the
// rest. The phone opens the demo consignment that arrived with discrepancies.
import type { Page } from '@playwright/test';
import { pageHeading } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

async function scan(page: Page, serial: string, outcome: RegExp) {
  const panel = page.getByRole('region', { name: 'Receive by scanning' });
  const field = panel.getByLabel('Serial', { exact: true });
  await field.fill(serial);
  await field.press('Enter');
  const newest = panel.getByRole('list', { name: 'Recent scans' }).getByRole('listitem').first();
  await expect(newest).toContainText(serial);
  await expect(newest).toContainText(outcome);
}

test.describe('warehouse staff', () => {
  // Completing too early is refused with 412, shown as a sentence.
  test.use({ user: 'warehouse.pune', expectedConsoleErrors: [/status of 412/] });

  // Desktop only (not @field): the phone opens the demo consignment below.
  test('send a consignment, receive it partially, resolve the rest', async ({ page, look }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consignments' })).toBeVisible();
    await look('consignment-home');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consignments' }).click();
    await expect(pageHeading(page, 'Consignments')).toBeVisible();
    await expect(page.getByRole('table', { name: /Consignments sent or received/ })).toContainText('CN-00002');
    await look('consignments');
    const form = page.getByRole('form', { name: 'New consignment' });
    await form.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'To a maker for repair' });
    const from = await form.getByRole('combobox', { name: 'From' }).locator('option', { hasText: 'WH-PUNE-01' }).getAttribute('value');
    await form.getByRole('combobox', { name: 'From' }).selectOption(from ?? '');
    const to = await form.getByRole('combobox', { name: 'To', exact: true }).locator('option', { hasText: 'MFR-BEL' }).getAttribute('value');
    await form.getByRole('combobox', { name: 'To', exact: true }).selectOption(to ?? '');
    await form.getByLabel('Reference (order no.)').fill('REPAIR/E2E/1');
    await form.getByRole('button', { name: 'Create consignment' }).click();
    await expect(pageHeading(page, /^Consignment CN-\d+$/)).toBeVisible();
    // Picked from the list: the last two units (the first ones are other specs' to count).
    await page.getByText('Pick units from a list').click();
    const boxes = page.getByRole('checkbox');
    await expect(boxes.nth(3)).toBeVisible();
    const count = await boxes.count();
    const picked = [(await boxes.nth(count - 1).locator('xpath=..').innerText()).split(' · ')[0]?.trim() ?? '', (await boxes.nth(count - 2).locator('xpath=..').innerText()).split(' · ')[0]?.trim() ?? ''];
    await boxes.nth(count - 1).check();
    await boxes.nth(count - 2).check();
    await page.getByRole('button', { name: 'Load 2 chosen unit(s)' }).click();
    await expect(page.getByTestId('consignment-counts')).toHaveText('0 received of 2 loaded');
    await look('consignment-loading');
    const dispatch = page.getByRole('form', { name: 'Dispatch' });
    await dispatch.getByLabel('Vehicle number').fill('MH12EV0042');
    await dispatch.getByLabel('Driver').fill('Anil Kale');
    await dispatch.getByLabel('Escort').fill('HC Vijay More');
    await dispatch.getByLabel('Vehicle seal numbers').fill('VS-4201, VS-4202');
    await dispatch.getByRole('button', { name: 'Dispatch 2 unit(s)' }).click();
    await expect(page.getByTestId('consignment-status')).toHaveText('In transit');
    // At the destination: one arrives, the other is reported, then received later.
    await scan(page, picked[0] ?? '', /Accepted|accepted/);
    await expect(page.getByTestId('consignment-counts')).toHaveText('1 received of 2 loaded');
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect(page.getByRole('alert')).toContainText(/cannot be completed yet: 1 still open/);
    await page.getByRole('button', { name: 'Report 1 unit(s) not arrived' }).click();
    const issue = page.getByRole('table', { name: 'Discrepancies' }).getByRole('row', { name: new RegExp(picked[1] ?? '') });
    await expect(issue).toContainText('Missing (not arrived)');
    await look('consignment-discrepancy');
    await issue.getByRole('combobox', { name: 'Resolution' }).selectOption({ label: 'Received later' });
    await issue.getByRole('textbox', { name: 'Note' }).fill('Came on the second trip');
    await issue.getByRole('button', { name: 'Resolve' }).click();
    await expect(page.getByTestId('consignment-counts')).toHaveText('2 received of 2 loaded');
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect(page.getByTestId('consignment-status')).toHaveText('Completed');
    await expect(page.getByRole('table', { name: 'Log entries of this consignment' })).toContainText('CONSIGNMENT_COMPLETED');
    await look('consignment-completed');
  });

  test('the consignment that arrived with discrepancies is work to do @field', async ({ page, look }) => {
    await page.goto('/consignments');
    await expect(pageHeading(page, 'Consignments')).toBeVisible();
    await look('consignments-list');
    await page.getByRole('link', { name: 'CN-00002' }).click();
    await expect(pageHeading(page, 'Consignment CN-00002')).toBeVisible();
    const issues = page.getByRole('table', { name: 'Discrepancies' });
    await expect(issues).toContainText('Missing (not arrived)');
    await expect(issues).toContainText('Unexpected (not on the load)');
    await expect(page.getByTestId('consignment-counts')).toHaveText('2 received of 3 loaded');
    await look('consignment-demo');
  });
});
