// A first randomisation through the web app on the demo district: the DEO freezes the pool and
// demand for AC 210, a party commits (its value stays in the browser, only the hash is sent), the
// DEO enters the dice, the party reveals, the allocation is computed, and the observer cosigns it
// with their password. The dice form is gone after the dice; no second cosignature is offered.
import { pageHeading } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

const VALUE = '00112233445566778899aabbccddeeff';
const run = { url: '' };

test.describe.configure({ mode: 'serial' });

test.describe('the DEO runs the draw', () => {
  test.use({ user: 'deo.pune' });

  test('freeze, commit, dice, reveal, allocate', async ({ page, look }) => {
    await page.goto('/ceremonies');
    await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
    await look('ceremonies');
    const form = page.getByRole('form', { name: 'New ceremony' });
    await form.getByRole('checkbox', { name: /^210 / }).check();
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
    await expect(table.getByRole('rowheader', { name: 'AC-210' })).toBeVisible();
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
