import { describe, expect, test } from 'vitest';

import { pdfFonts } from '../src/pdf/fonts.ts';
import { formatIstTime, labels, PDF_LANGUAGES } from '../src/pdf/labels.ts';
import { shapeText } from '../src/pdf/shape.ts';
import { EVENT_NAMES, KIND_NAMES, STATE_NAMES } from '../src/pdf/vocabulary.ts';

/** Every fixed string the PDFs print, in one language. */
function printedStrings(language: (typeof PDF_LANGUAGES)[number]): string[] {
  const l = labels(language);
  const values = Object.values(l).flatMap((v: unknown) => {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return v as string[];
    if (typeof v === 'function') return [];
    return Object.values(v as Record<string, string>);
  });
  return [
    ...values,
    l.checkpoint('evmtrail.test/MH-PUNE', '1,23,456', 'ab'.repeat(32)),
    l.page(2, 3),
    l.unitTitle('BUB3000001'),
    l.stockTitle('District warehouse', 'WH-PUNE-01'),
    l.stocktakeTitle(12, 'District warehouse', 'WH-PUNE-01'),
    l.stocktakeCounts({ expected: '1,234', found: '1,200', missing: '34', unexpected: '2', elsewhere: '1' }),
    ...Object.values(KIND_NAMES[language]),
    ...Object.values(STATE_NAMES[language]),
    ...Object.values(EVENT_NAMES[language]),
  ];
}

describe('PDF labels', () => {
  test.each(PDF_LANGUAGES)('every %s label prints with real glyphs (none missing from the font)', (language) => {
    const { regular, bold } = pdfFonts();
    for (const text of printedStrings(language)) {
      for (const font of [regular, bold]) {
        const missing = shapeText(font, text, language).glyphs.filter((g) => g.glyphId === 0);
        expect(missing, `"${text}" has characters the font lacks`).toEqual([]);
      }
    }
  });

  test('Hindi and Marathi labels are in Devanagari, not left in English', () => {
    for (const language of ['hi', 'mr'] as const) {
      const l = labels(language);
      for (const text of [l.unitTitle('X'), l.stockTitle('X', 'Y'), l.checkpoint('o', '1', 'r'), ...l.stockColumns, ...Object.values(STATE_NAMES[language])]) {
        expect(text, `${language}: "${text}"`).toMatch(/[\u0900-\u097f]/);
      }
    }
  });

  test('log times print as day-month-year and IST clock time', () => {
    expect(formatIstTime('2029-02-10T11:05:00+05:30')).toBe('10-02-2029 11:05');
  });
});
