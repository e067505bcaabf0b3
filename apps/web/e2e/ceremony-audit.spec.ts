// The observer's side of a randomisation: the observer opens the demo district's finalised first
// randomisation (seeded through the ceremony service), opens its audit, sees the allocation
// recomputed in the browser say "Matches", downloads the whole bundle and checks that file in the
// page; the phone layout and the projector view are looked at too.
import { readFileSync } from 'node:fs';
import { pageHeading } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ user: 'observer.pune' });

test('the observer audits a finalised demo ceremony: matches, bundle downloaded and checked', async ({ page, look }) => {
  await page.goto('/ceremonies');
  await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
  await look('audit-ceremonies');
  const finalised = page.getByRole('row').filter({ hasText: 'Finalised' }).filter({ hasText: 'R1-' }).first();
  await finalised.getByRole('link').first().click();
  await expect(pageHeading(page, /^Ceremony R1-/)).toBeVisible();
  await look('audit-demo-ceremony');

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
  expect(Object.keys(bundle.files).filter((p) => p.endsWith('/allocation.csv'))).toHaveLength(1);
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
