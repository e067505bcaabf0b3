// The observer's side of a randomisation: the DEO draws for AC 202 (no party commits, so the
// ceremony.spec draw for AC 210 can run alongside), the observer cosigns, opens the audit page,
// sees the allocation recomputed in the browser say "Matches", downloads the whole bundle and
// checks that file in the page; the projector view shows the same in large type.
import { readFileSync } from 'node:fs';
import { pageHeading } from './support/app.ts';
import { expect, passwordOf, test } from './support/fixtures.ts';

const run = { url: '' };

test.describe.configure({ mode: 'serial' });

test.describe('a draw to audit', () => {
  test.use({ user: 'deo.pune' });

  test('the DEO freezes, enters the dice and computes the allocation', async ({ page, look }) => {
    await page.goto('/ceremonies');
    await look('audit-ceremonies');
    const form = page.getByRole('form', { name: 'New ceremony' });
    await form.getByRole('checkbox', { name: /^202 / }).check();
    await form.getByRole('button', { name: 'Freeze pool and demand' }).click();
    await expect(pageHeading(page, /^Ceremony R1-/)).toBeVisible();
    run.url = page.url();
    const dice = page.getByRole('form', { name: '3. Public dice' });
    await dice.getByLabel(/^Dice digits/).fill('1234 5665 4321 1234 5665');
    await dice.getByRole('button', { name: 'Enter the dice' }).click();
    await page.getByRole('button', { name: 'Close the reveals and compute the allocation' }).click();
    await expect(page.getByText('Allocated, awaiting the observer')).toBeVisible();
    await look('audit-ceremony-allocated');
  });
});

test.describe('the observer audits it', () => {
  test.use({ user: 'observer.pune' });

  test('cosigns, sees "Matches", downloads the bundle and checks it in the page', async ({ page, look }) => {
    await page.goto(run.url);
    const form = page.getByRole('form', { name: '6. Observer’s cosignature' });
    await form.getByLabel('Your password').fill(passwordOf('observer.pune'));
    await form.getByRole('button', { name: 'Cosign and finalise' }).click();
    await expect(page.getByText('Finalised', { exact: true })).toBeVisible();
    await look('audit-ceremony-finalised');

    await page.getByRole('link', { name: 'Audit and recompute' }).click();
    await expect(pageHeading(page, /^Audit of ceremony R1-/)).toBeVisible();
    const verdict = page.getByTestId('recompute-verdict');
    await expect(verdict).toContainText('Matches: the allocation of R1-');
    await expect(verdict).toHaveAttribute('data-matches', 'true');
    await expect(page.getByText(/^Cosigned by observer observer\.pune/)).toBeVisible();
    await look('audit');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything (bundle)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^R1-.*\.evmrand\.json$/);
    const path = await download.path();
    const bundle = JSON.parse(readFileSync(path, 'utf8')) as { format: string; files: Record<string, string> };
    expect(bundle.format).toBe('evmtrail-rand-bundle/1');
    expect(Object.keys(bundle.files).some((p) => p.endsWith('/allocation.csv'))).toBe(true);
    await page.getByTestId('bundle-file').setInputFiles(path);
    await expect(page.getByTestId('recompute-verdict')).toHaveCount(2);
    await expect(page.getByTestId('recompute-verdict').nth(1)).toHaveAttribute('data-matches', 'true');

    await page.setViewportSize({ width: 390, height: 844 });
    await look('audit-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Show on projector' }).click();
    await expect(page.getByTestId('recompute-verdict')).toContainText('Matches');
    await look('audit-present');
  });
});
