// The units list and a unit page, reached by role and accessible name.
import { expect, type Page } from '@playwright/test';
import { pageHeading, serialLinks, type Language } from './app.ts';

const SEARCH_LABEL = { en: 'Serial number', hi: 'क्रम संख्या' } as const;

export function serialSearch(page: Page, lang: Language = 'en') {
  return page.getByRole('searchbox', { name: SEARCH_LABEL[lang] });
}

async function serialsShown(page: Page): Promise<string[]> {
  return (await serialLinks(page).allInnerTexts()).map((s) => s.trim());
}

/**
 * On the units page: takes the last serial of the rows drawn (the list draws only the rows in
 * view), types all but its last letter and waits until only matching serials are listed.
 * Returns that serial.
 */
export async function findUnits(page: Page): Promise<string> {
  await expect(serialLinks(page).first()).toBeVisible();
  const serial = (await serialLinks(page).last().innerText()).trim();
  const prefix = serial.slice(0, -1);
  await serialSearch(page).fill(prefix);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}\\b`));
  await expect
    .poll(async () => {
      const shown = await serialsShown(page);
      return shown.length > 0 && shown.length <= 10 && shown.every((s) => s.startsWith(prefix));
    })
    .toBe(true);
  expect(await serialsShown(page)).toContain(serial);
  return serial;
}

/** Types (or scans) a whole serial and presses Enter, which opens that unit's page. */
export async function openUnitBySerial(page: Page, serial: string, lang: Language = 'en') {
  await serialSearch(page, lang).fill(serial);
  await serialSearch(page, lang).press('Enter');
  await expect(pageHeading(page, serial)).toBeVisible();
}

const VERIFIED = {
  en: /Verified in this browser against signed checkpoint [\d,]+ \(evmtrail\.example\/MH\/PUNE\)/,
  hi: /हस्ताक्षरित चेकपॉइंट [\d,]+ \(evmtrail\.example\/MH\/PUNE\) के विरुद्ध इसी ब्राउज़र में सत्यापित/,
} as const;
const TIMELINE = { en: 'Custody timeline', hi: 'अभिरक्षा समयरेखा' } as const;
const RECEIVED = { en: 'Received', hi: 'प्राप्त की गई' } as const;
const FROM_FACTORY = { en: 'Dispatched from factory', hi: 'कारखाने से रवाना' } as const;

/** The unit page says its history was verified here and lists it newest first, from the factory on. */
export async function expectVerifiedTimeline(page: Page, lang: Language) {
  await expect(page.getByRole('status').filter({ hasText: VERIFIED[lang] })).toBeVisible();
  const timeline = page.getByRole('list', { name: TIMELINE[lang] });
  const entries = timeline.getByRole('listitem');
  const count = await entries.count();
  expect(count).toBeGreaterThanOrEqual(2);
  await expect(entries.nth(count - 1)).toContainText(FROM_FACTORY[lang]);
  await expect(entries.nth(count - 2)).toContainText(RECEIVED[lang]);
}
