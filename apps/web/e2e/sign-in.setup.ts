// Each demo user signs in once through the sign-in page; the tests reuse the saved state.
import { mainNav, signIn } from './support/app.ts';
import { DEMO_USERS, expect, passwordOf, test } from './support/fixtures.ts';
import { authFile } from './support/paths.ts';

test.describe.configure({ mode: 'parallel' });
// The pages seen here are checked by the specs; this only saves each user's signed-in state.
test.use({ lookAtEveryPage: false });

for (const user of DEMO_USERS) {
  test(`sign in as ${user}`, async ({ page }) => {
    await page.goto('/');
    await signIn(page, user, passwordOf(user));
    await expect(mainNav(page)).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(user === 'deo.mumbai' ? 'Mumbai' : /Pune|Maharashtra|Kothrud|Khadakwasla/);
    await page.context().storageState({ path: authFile(user) });
  });
}
