// The second randomisation through the web app: the RO of AC 211 takes the demo's frozen R2 of
// their AC (its pool: AC 211's units received in SR-AC211), registers a party's commitment at
// the table, throws the dice, opens the reveal and computes the allocation; the General Observer
// cosigns it. The result lists each polling station (number and name) with its serials and ticket
// prefixes, and the AC reserve. Then the RO of AC 210, on the demo's finalised R2, is refused a
// replacement for a unit not in it (naming serial and AC) and replaces one from the reserve.
import { pageHeading, switchLanguage } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

const VALUE = 'ffeeddccbbaa99887766554433221100';
const run = { url: '' };

test.describe.configure({ mode: 'serial' });

test.describe('the RO of AC 211 runs the draw', () => {
  test.use({ user: 'ro.ac211' });

  test('commit, dice, reveal, allocate', async ({ page, look }) => {
    await page.goto('/ceremonies');
    await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
    await look('ceremonies-ro');
    await page.getByRole('link', { name: 'R2-AC-211-5' }).click();
    await expect(pageHeading(page, 'Ceremony R2-AC-211-5')).toBeVisible();
    run.url = page.url();
    await expect(page.getByRole('main')).toContainText('211 Khadakwasla');

    const commitForm = page.getByRole('form', { name: 'Register a commitment' });
    await commitForm.getByLabel('Party code').fill('BSP');
    await commitForm.getByLabel(/^Secret value/).fill(VALUE);
    await commitForm.getByRole('button', { name: 'Register commitment' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'BSP' }).first()).toBeVisible();

    const dice = page.getByRole('form', { name: '3. Public dice' });
    await dice.getByLabel(/^Dice digits/).fill('3412 5561 2234 4165 5326');
    await dice.getByRole('button', { name: 'Enter the dice' }).click();
    await expect(page.getByTestId('dice')).toHaveText('34125561223441655326');
    await expect(page.getByRole('form', { name: '3. Public dice' })).toBeHidden();

    const reveal = page.getByRole('form', { name: 'Open a reveal' });
    await reveal.getByLabel('Party code').fill('BSP');
    await reveal.getByLabel(/^Secret value/).fill(VALUE);
    await reveal.getByRole('button', { name: 'Check and record the reveal' }).click();
    await expect(page.getByRole('form', { name: 'Open a reveal' })).toBeHidden();

    await page.getByRole('button', { name: 'Close the reveals and compute the allocation' }).click();
    await expect(page.getByText('Allocated, awaiting the observer')).toBeVisible();
    await expect(page.getByText('Awaiting the observer’s cosignature.')).toBeVisible();
    const table = page.getByRole('table', { name: /^Units by polling station/ });
    await expect(table.getByRole('rowheader', { name: /^1 · / })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: /^AC reserve/ })).toBeVisible();
    await look('second-allocated');
  });
});

test.describe('the General Observer cosigns', () => {
  test.use({ user: 'observer.pune' });

  test('finalise with the password', async ({ page, look }) => {
    await page.goto(run.url);
    const form = page.getByRole('form', { name: '6. Observer’s cosignature' });
    await form.getByLabel('Your password').fill(passwordOf('observer.pune'));
    await form.getByRole('button', { name: 'Cosign and finalise' }).click();
    await expect(page.getByText('Finalised', { exact: true })).toBeVisible();
    await expect(page.getByRole('form', { name: '6. Observer’s cosignature' })).toBeHidden();
    const table = page.getByRole('table', { name: /^Units by polling station/ });
    const first = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^1 · / }) });
    // One BU, one CU and one VVPAT at each station (9 candidates), each with its ticket prefix (first 18 characters, as allocation.csv).
    await expect(first.getByRole('code')).toHaveCount(3);
    await expect(first.locator('small').first()).toHaveText(/^0\.\d{16}$/);
    await look('second-finalised');
  });
});

test.describe('the RO of AC 210 replaces a unit from the reserve', () => {
  test.use({ user: 'ro.ac210', expectedConsoleErrors: [/status of 400/] });

  test('a unit not in the allocation is refused; the next reserve unit replaces one', async ({ page, look }) => {
    await page.goto('/ceremonies');
    await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
    await look('ceremonies-ro-ac210');
    await page.getByRole('link', { name: 'R2-AC-210-4' }).click();
    await expect(pageHeading(page, 'Ceremony R2-AC-210-4')).toBeVisible();
    const table = page.getByRole('table', { name: /^Units by polling station/ });
    const station = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^1 · / }) });
    const bu = (await station.getByRole('cell').first().getByRole('code').first().innerText()).trim();
    const form = page.getByRole('form', { name: 'Replace a unit' });
    await form.getByLabel('Serial').fill('BUB0000000');
    await form.getByLabel('Reason').fill('display fault at commissioning');
    await form.getByRole('button', { name: 'Replace from reserve' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Unit BUB0000000 is not in the allocation of ceremony R2-AC-210-4 (AC 210 Kothrud)' }).first()).toBeVisible();
    await look('second-replace-refused');
    // The same refusal in Hindi, naming the same unit and AC.
    await switchLanguage(page, 'hi');
    await expect(page.getByRole('alert').filter({ hasText: 'यूनिट BUB0000000 समारोह R2-AC-210-4' }).first()).toBeVisible();
    await look('second-replace-refused-hi');
    await switchLanguage(page, 'en');
    await form.getByLabel('Serial').fill(bu);
    await form.getByRole('button', { name: 'Replace from reserve' }).click();
    const replacements = page.getByRole('table', { name: 'Replacements' });
    await expect(replacements.getByRole('row').filter({ hasText: bu })).toBeVisible();
    await look('second-replaced');
  });
});
