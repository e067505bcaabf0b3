import { DOMAIN_ERROR_TYPES, UNIT_EVENTS, UNIT_STATES } from '@evmtrail/shared';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import hi from '../src/i18n/hi.json';
import mr from '../src/i18n/mr.json';
import { formatCount, formatIst } from '../src/lib/format';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf key of a resource file with its text, e.g. `errors.place.ac`. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const LANGS = { en: leaves(en), hi: leaves(hi), mr: leaves(mr) };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('have the same keys in English, Hindi and Marathi', () => {
    const keys = [...LANGS.en.keys()].sort();
    for (const [lang, map] of Object.entries(LANGS)) {
      expect({ lang, keys: [...map.keys()].sort() }).toEqual({ lang, keys });
    }
  });

  it('fill the same placeholders in every language', () => {
    for (const [key, text] of LANGS.en) {
      for (const lang of ['hi', 'mr'] as const) {
        expect({ key, lang, placeholders: placeholders(LANGS[lang].get(key) ?? '') }).toEqual({ key, lang, placeholders: placeholders(text) });
      }
    }
  });

  it('have a sentence for every domain error type, lifecycle state and event, in every language', () => {
    const needed = [
      ...DOMAIN_ERROR_TYPES.map((type) => `errors.${type}`),
      ...UNIT_STATES.map((s) => `states.${s}`),
      ...UNIT_EVENTS.map((e) => `events.${e}`),
    ];
    for (const [lang, map] of Object.entries(LANGS)) {
      const missing = needed.filter((key) => !(map.get(key) ?? '').trim());
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
  });
});

describe('numbers and dates', () => {
  it('groups numbers the Indian way', () => {
    expect(formatCount(123456)).toBe('1,23,456');
    expect(formatCount(12345678)).toBe('1,23,45,678');
    expect(formatCount(999)).toBe('999');
  });

  it("writes dates in Indian Standard Time with each language's month names", () => {
    const ts = '2029-03-21T04:00:05Z';
    expect(formatIst(ts, 'en')).toBe('21 Mar 2029, 09:30:05 IST');
    expect(formatIst(ts, 'hi')).toContain('मार्च');
    expect(formatIst(ts, 'mr')).toContain('मार्च');
    expect(formatIst('2029-10-02T04:00:05Z', 'mr')).toMatch(/02 ऑक्टो/);
    expect(formatIst(ts, 'mr')).toContain('09:30:05');
    expect(formatIst('2029-12-31T20:00:00Z', 'hi')).toMatch(/^01 जन॰? 2030, 01:30:00 IST$/);
    expect(formatIst('2029-12-31T20:00:00Z', 'mr')).toContain('जाने');
  });
});
