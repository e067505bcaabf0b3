// The Chief Electoral Officer of Maharashtra chooses which district a page shows.
import { pageHeading } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ user: 'ceo.mh' });

test('chooses a district for the custody log', async ({ page, look }) => {
  await page.goto('/log');
  await expect(pageHeading(page, 'Custody log')).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Choose a district' });
  await expect(picker).toBeVisible();
  await picker.selectOption({ label: 'Mumbai Suburban (Maharashtra)' });
  await expect(page.getByLabel('Signed note')).toContainText('evmtrail.example/MH/MUMBAI');
  await picker.selectOption({ label: 'Pune (Maharashtra)' });
  await expect(page.getByLabel('Signed note')).toContainText('evmtrail.example/MH/PUNE');
  await look('state-custody-log');
});
