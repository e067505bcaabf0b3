import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import hi from './hi.json';
import mr from './mr.json';

export const LANGUAGES = ['en', 'hi', 'mr'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'evmtrail.lang';

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language saved on this device, or English. */
export function savedLanguage(): Language {
  try {
    const saved = globalThis.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'en';
  } catch {
    return 'en';
  }
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi }, mr: { translation: mr } },
  lng: savedLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', applyLanguage);

/** Turns `flc_in_progress` into `Flc in progress` for values the resource files do not name yet. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
