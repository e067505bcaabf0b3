// Ways to reach the app by what a person sees: roles, accessible names and headings.
import { expect, type Locator, type Page } from '@playwright/test';

export type Language = 'en' | 'hi';

/** A serial as printed on a unit (packages/shared UNIT_SERIAL_PATTERN). */
export const SERIAL = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

export const TEXT = {
  en: { dashboard: 'Dashboard', units: 'Units', map: 'Map', log: 'Custody log', signIn: 'Sign in' },
  hi: { dashboard: 'डैशबोर्ड', units: 'यूनिट', map: 'नक्शा', log: 'अभिरक्षा लॉग', signIn: 'साइन इन करें' },
} as const;

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: /^(Main|मुख्य)$/ });
}

export function pageHeading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** Opens a page from the main navigation and waits for its heading. */
export async function openFromNav(page: Page, lang: Language, to: Exclude<keyof (typeof TEXT)['en'], 'signIn'>) {
  await mainNav(page).getByRole('link', { name: TEXT[lang][to], exact: true }).click();
  await expect(pageHeading(page, TEXT[lang][to])).toBeVisible();
}

/** Uses the language switch and checks that the document says which language it is in. */
const LANGUAGE_NAMES = { en: 'English', hi: 'हिन्दी', mr: 'मराठी' } as const;

export async function switchLanguage(page: Page, lang: keyof typeof LANGUAGE_NAMES) {
  const name = LANGUAGE_NAMES[lang];
  await page.getByRole('group', { name: /^(Language|भाषा)$/ }).getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

export async function signIn(page: Page, username: string, password: string, lang: Language = 'en') {
  const form = page.getByRole('form', { name: 'EVM Trail' });
  await expect(form).toBeVisible();
  await form.getByLabel(lang === 'hi' ? 'उपयोगकर्ता नाम' : 'Username').fill(username);
  await form.getByLabel(lang === 'hi' ? 'पासवर्ड' : 'Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: TEXT[lang].signIn }).click();
}

/** Serial links shown in the main content (the units list, whatever its markup): links named
 * like a serial that open a unit (a location's code looks like a serial too). */
export function serialLinks(page: Page) {
  return page.getByRole('main').getByRole('link', { name: SERIAL }).and(page.locator('a[href^="/units/"]'));
}

/** The map's groups of polling stations: buttons named by how many stations they hold. */
export function clusters(map: Locator) {
  return map.getByRole('button', { name: /^[\d,]+$/ });
}
