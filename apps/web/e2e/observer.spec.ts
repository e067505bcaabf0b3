// An observer reads the custody log of their district and is refused anything outside it.
import type { Browser } from '@playwright/test';
import { pageHeading, serialLinks, switchLanguage } from './support/app.ts';
import { appUrl, expect, test } from './support/fixtures.ts';
import { authFile } from './support/paths.ts';

test.use({ user: 'observer.pune' });

/** A serial from Mumbai Suburban, as its own DEO sees it in the units list. */
async function mumbaiSerial(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: authFile('deo.mumbai'), baseURL: appUrl() });
  try {
    const page = await context.newPage();
    await page.goto('/units');
    await expect(serialLinks(page).first()).toBeVisible();
    return (await serialLinks(page).first().innerText()).trim();
  } finally {
    await context.close();
  }
}

test('reads the signed checkpoint of Pune', async ({ page, look }) => {
  await page.goto('/log');
  await expect(pageHeading(page, 'Custody log')).toBeVisible();
  await expect(page.getByLabel('Signed note')).toContainText('evmtrail.example/MH/PUNE');
  await look('observer-custody-log');
});

test.describe('outside the jurisdiction', () => {
  // Another district's unit answers like an unknown serial (404), which chromium logs.
  test.use({ expectedConsoleErrors: [/status of 404/] });

  test('a unit of another district is refused, in English, Hindi and Marathi', async ({ page, browser, look }) => {
    const serial = await mumbaiSerial(browser);
    await page.goto(`/units/${serial}`);
    await expect(pageHeading(page, serial)).toBeVisible();
    const refusal = page.getByRole('main').getByRole('alert');
    await expect(refusal).toBeVisible();
    await expect(page.getByTestId('verify-banner')).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Custody timeline' })).toHaveCount(0);
    // Nothing about the unit itself is shown.
    await expect(page.getByRole('main').getByRole('term')).toHaveCount(0);
    await look('observer-refused');
    await switchLanguage(page, 'hi');
    await expect(refusal).toBeVisible();
    await expect(page.getByRole('list', { name: 'अभिरक्षा समयरेखा' })).toHaveCount(0);
    await look('observer-refused-hi');
    // Marathi: the sentence names the unit, and a refusal offers no "Try again".
    await switchLanguage(page, 'mr');
    await expect(refusal).toContainText(`युनिट ${serial} सापडले नाही. अनुक्रमांक किंवा लिंक तपासा.`);
    await expect(refusal.getByRole('button', { name: /पुन्हा प्रयत्न करा|Try again/ })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button', { name: /पुन्हा प्रयत्न करा|Try again/ })).toHaveCount(0);
    await look('observer-refused-mr');
  });
});
