// The sign-in page, signed out, in English and Hindi.
import { mainNav, signIn, switchLanguage, TEXT } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

test.describe('signed out', () => {
  // A refused sign-in answers 401, which chromium logs.
  test.use({ user: null, expectedConsoleErrors: [/status of 401/] });

  test('a wrong password is refused and the user stays on the sign-in page', async ({ page, look }) => {
    await page.goto('/');
    await look('sign-in-en');
    await signIn(page, 'party.pune', 'not-the-password-00');
    const form = page.getByRole('form', { name: 'EVM Trail' });
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(form.getByRole('button', { name: TEXT.en.signIn })).toBeEnabled();
    await expect(mainNav(page)).toHaveCount(0);
    await look('sign-in-refused');
  });

  test('signs in from the Hindi sign-in page and stays in Hindi', async ({ page, look }) => {
    await page.goto('/');
    await switchLanguage(page, 'hi');
    await expect(page.getByRole('form', { name: 'EVM Trail' }).getByLabel('उपयोगकर्ता नाम')).toBeVisible();
    await look('sign-in-hi');
    await signIn(page, 'dydeo.pune', passwordOf('dydeo.pune'), 'hi');
    await expect(mainNav(page).getByRole('link', { name: TEXT.hi.dashboard })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: TEXT.hi.dashboard })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
    await expect(page.getByRole('heading', { level: 1, name: TEXT.hi.dashboard })).toBeVisible();
    await look('dashboard-hi-after-sign-in');
  });
});
