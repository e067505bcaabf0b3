// The observer's side of a randomisation: the observer opens the demo district's finalised first
// randomisation (seeded through the ceremony service), opens its audit, sees the allocation
// recomputed in the browser say "Matches", downloads the whole bundle and checks that file in the
// page; the phone layout and the projector view are looked at too. Every step's custody-log entry
// is verified in the browser against the signed checkpoint, and fails once a byte of an entry is
// changed on its way from the api. The lists for parties download as CSV (the published
// allocation.csv's lines) and as PDF.
import { readFileSync } from 'node:fs';
import { pageHeading } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ user: 'observer.pune' });

test('the observer audits a finalised demo ceremony: matches, bundle downloaded and checked', async ({ page, look }) => {
  await page.goto('/ceremonies');
  await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
  await look('audit-ceremonies');
  const finalised = page.getByRole('row').filter({ hasText: 'Finalised' }).filter({ hasText: /R1-/ }).first();
  await finalised.getByRole('link').first().click();
  await expect(pageHeading(page, /^Ceremony R1-/)).toBeVisible();
  await look('audit-demo-ceremony');

  await page.getByRole('link', { name: 'Audit and recompute' }).click();
  await expect(pageHeading(page, /^Audit of ceremony R1-/)).toBeVisible();
  const verdict = page.getByTestId('recompute-verdict');
  await expect(verdict).toContainText('Matches: the allocation of R1-');
  await expect(verdict).toHaveAttribute('data-matches', 'true');
  await expect(page.getByText(/^Cosigned by observer observer\.pune/)).toBeVisible();
  // The audit trail: every step's log entry verified here against the signed checkpoint.
  const trail = page.getByTestId('trail');
  await expect(trail.getByTestId('trail-verdict')).toHaveAttribute('data-verified', 'true');
  await expect(trail.getByTestId('trail-verdict')).toContainText(/^All \d+ steps verified against the signed checkpoint: tree size [\d,]+, root [0-9a-f]{16}…$/);
  const steps = trail.getByTestId('trail-step');
  expect(await steps.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.step))).toEqual(expect.arrayContaining(['freeze', 'commit', 'dice', 'reveal', 'allocate', 'finalise']));
  for (const step of await steps.all()) {
    await expect(step).toHaveAttribute('data-verified', 'true');
    await expect(step).toContainText(/✓ Verified against checkpoint [\d,]+ \(tree size [\d,]+, root [0-9a-f]{16}…\)/);
  }
  await look('audit');
  await trail.scrollIntoViewIfNeeded();
  await look('audit-trail');

  // The AC-wise list for parties: the CSV is allocation.csv line for line, with tickets; the PDF answers.
  const [allocation] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'allocation.csv' }).click()]);
  const published = readFileSync(await allocation.path(), 'utf8').split('\n').filter((l) => l !== '');
  const [listFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'List (CSV)' }).click()]);
  expect(listFile.suggestedFilename()).toMatch(/^R1-.*-ac-wise-list\.csv$/);
  const list = readFileSync(await listFile.path(), 'utf8').split('\n');
  expect(list[0]).toMatch(/^# ceremony=R1-/);
  expect(list[1]).toMatch(/^# seed=EVMRAND\/1\|/);
  const rows = list.slice(4).filter((l) => l !== '');
  expect(rows.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(published);
  expect(rows.every((l) => /^[A-Z]+,[A-Z0-9-]+,[A-Z0-9]+,\d{18},/.test(l))).toBe(true);
  const pdf = await page.getByRole('group', { name: 'List (PDF)' }).getByRole('link', { name: 'हिन्दी' }).getAttribute('href');
  const answer = await page.request.get(pdf ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('application/pdf');

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

test('one changed byte in a ceremony log entry on its way from the api fails that step plainly', async ({ page, look }) => {
  // The api's answer to ceremony.logProof, with one character of the dice entry changed.
  await page.route(/\/trpc\/[^?]*ceremony\.logProof/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { result?: { data?: { entries?: { entry: string }[] } } }[];
    for (const part of body) {
      for (const e of part.result?.data?.entries ?? []) {
        if (e.entry.includes('"type":"RAND_DICE"')) e.entry = e.entry.replace(/dice (\d)/, (_m, d: string) => `dice ${(Number(d) + 1) % 10}`);
      }
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto('/ceremonies');
  await expect(pageHeading(page, 'Randomisation ceremonies')).toBeVisible();
  await look('audit-tampered-ceremonies');
  await page.getByRole('row').filter({ hasText: 'Finalised' }).filter({ hasText: /R1-/ }).first().getByRole('link').first().click();
  await expect(pageHeading(page, /^Ceremony R1-/)).toBeVisible();
  await look('audit-tampered-ceremony');
  await page.getByRole('link', { name: 'Audit and recompute' }).click();
  const trail = page.getByTestId('trail');
  await expect(trail.getByTestId('trail-verdict')).toHaveAttribute('data-verified', 'false');
  await expect(trail.getByTestId('trail-verdict')).toContainText(/^1 of \d+ steps did NOT verify/);
  const dice = trail.locator('[data-testid="trail-step"][data-step="dice"]');
  await expect(dice).toHaveAttribute('data-verified', 'false');
  await expect(dice).toContainText('Not verified: this entry is not in the signed tree');
  await trail.scrollIntoViewIfNeeded();
  await look('audit-trail-tampered');
  // The same in Hindi.
  await page.getByRole('banner').getByRole('button', { name: 'हिन्दी' }).click();
  await expect(trail.getByTestId('trail-verdict')).toContainText(/चरण हस्ताक्षरित चेकपॉइंट से सत्यापित नहीं हुए/);
  await expect(dice).toContainText('सत्यापित नहीं: यह प्रविष्टि हस्ताक्षरित वृक्ष में नहीं है');
  await look('audit-trail-tampered-hi');
});
