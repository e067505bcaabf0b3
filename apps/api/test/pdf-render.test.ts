import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { GlyphUsage, toUnicodeCMap } from '../src/pdf/font-embed.ts';
import { pdfFonts } from '../src/pdf/fonts.ts';
import { renderPdf, type PdfDocumentModel } from '../src/pdf/render.ts';
import { shapeText } from '../src/pdf/shape.ts';
import { stocktakeReportModel } from '../src/pdf/stocktake-pdf.service.ts';
import { diffPng, pdfFontsTable, pdfText, renderPage } from './pdf/poppler.ts';

/*
 * The PDF engine end to end: HarfBuzz shaping, the embedded Type0 font, and pages rendered by
 * poppler compared with checked-in images that a person read and found correct. Refresh the
 * images (then look at them!) with UPDATE_PDF_GOLDEN=1.
 */

const GOLDEN_DIR = join(import.meta.dirname, 'fixtures', 'pdf');
const DPI = 110;
const CHECKPOINT = { origin: 'evmtrail.test/MH-PUNE', size: 123456, rootHex: '3f9a'.repeat(16) };
const CREATED = new Date('2029-02-10T05:30:00Z');

const MARATHI: PdfDocumentModel = {
  language: 'mr',
  title: 'साठा यादी: क्षेत्रीय गोदाम, पुणे (WH-PUNE-01)',
  meta: [
    'जिल्हा: पुणे · विधानसभा मतदारसंघ: 210 कोथरूड · येथील युनिट: 1,23,456',
    'जोडाक्षरे: क्षमता, त्रुटी, ज्ञानेश्वर, श्रमिक, शुद्ध, तर्क, कर्मचारी, किल्ला, धार्मिक, निर्मिती',
  ],
  columns: [{ header: 'प्रकार', width: 2 }, { header: 'अनुक्रमांक', width: 2 }, { header: 'मॉडेल', width: 2 }, { header: 'स्थिती', width: 4 }],
  rows: [
    ['बॅलेट युनिट', 'BUB3000001', 'BEL M3 2022', 'विधानसभा मतदारसंघाच्या स्ट्रॉंग रूममध्ये'],
    ['कंट्रोल युनिट', 'CUB3000001', 'BEL M3 2022', 'तपासणी व पडताळणीसाठी निवडले'],
    ['व्हीव्हीपॅट', 'VVB3000001', 'BEL M3 2022', 'मतदान संपले व मोहरबंद'],
  ],
  emptyText: 'या ठिकाणी कोणतेही युनिट नाही.',
  checkpoint: CHECKPOINT,
  createdAt: CREATED,
};

const HINDI: PdfDocumentModel = {
  language: 'hi',
  title: 'यूनिट BUB3000001 का अभिरक्षा इतिहास',
  meta: [
    'संयुक्ताक्षर: क्षेत्र, त्रिकोण, ज्ञापन, श्रमिक, शुद्धि, तर्क, धर्म, कर्मचारी, किताब, निर्मित',
    'ज़िला: पुणे · विधानसभा क्षेत्र: 210 कोथरूड',
  ],
  columns: [{ header: '#', width: 0.6 }, { header: 'समय (IST)', width: 2 }, { header: 'घटना', width: 3 }, { header: 'कर्ता', width: 2 }, { header: 'कहाँ से › कहाँ', width: 3 }],
  rows: [
    ['0', '10-02-2029 11:00', 'कारखाने से रवाना', 'engineer.bel', 'MFR-BEL-BLR › VEH-MH12-0001'],
    ['1', '10-02-2029 11:00', 'प्राप्त की गई', 'warehouse.pune', 'VEH-MH12-0001 › WH-PUNE-01'],
    ['2', '11-02-2029 09:30', 'विधानसभा क्षेत्र के स्ट्रांग रूम में प्राप्त', 'ro.kothrud', 'WH-PUNE-01 › SR-AC210'],
  ],
  emptyText: '',
  checkpoint: CHECKPOINT,
  createdAt: CREATED,
};

/** A closed stocktake's report as the service builds it (en), with one line of each outcome. */
const STOCKTAKE = stocktakeReportModel({
  language: 'en',
  summary: {
    id: 7, location: { id: 3, name: 'District warehouse' }, status: 'closed', startedBy: 'DEO Pune', startedAt: '2029-02-10T04:30:00Z',
    closedBy: 'DEO Pune', closedAt: '2029-02-10T09:15:00Z', expected: 3, found: 2, missing: 1, unexpected: 1, elsewhere: 1, duplicates: 4, note: null,
  },
  place: { name: 'District warehouse', code: 'WH-PUNE-01', district: 'Pune' },
  lines: [
    { serial: 'VVB3000001', expected: true, outcome: 'missing', recordedLocation: null, scannedAt: null, scannedBy: null },
    { serial: 'BUB3199999', expected: false, outcome: 'unexpected', recordedLocation: null, scannedAt: '2029-02-10T05:00:00Z', scannedBy: 'Warehouse Pune' },
    { serial: 'BUB3000100', expected: false, outcome: 'elsewhere', recordedLocation: 'AC 210 strongroom', scannedAt: '2029-02-10T05:01:00Z', scannedBy: 'Warehouse Pune' },
    { serial: 'BUB3000001', expected: true, outcome: 'found', recordedLocation: null, scannedAt: '2029-02-10T05:02:00Z', scannedBy: 'Warehouse Pune' },
    { serial: 'CUB3000001', expected: true, outcome: 'found', recordedLocation: null, scannedAt: '2029-02-10T05:03:00Z', scannedBy: 'Warehouse Pune' },
  ],
  printedBy: 'observer.pune',
  checkpoint: CHECKPOINT,
  now: CREATED,
});

function glyphIds(text: string): number[] {
  return shapeText(pdfFonts().regular, text, 'hi').glyphs.map((g) => g.glyphId);
}

describe('shaping with HarfBuzz', () => {
  test('conjuncts are single glyphs, the i-matra goes before its consonant and reph after it', () => {
    const [ka] = glyphIds('क');
    expect(glyphIds('क्ष')).toHaveLength(1);
    expect(glyphIds('त्र')).toHaveLength(1);
    expect(glyphIds('ज्ञ')).toHaveLength(1);
    const ki = glyphIds('कि');
    expect(ki).toHaveLength(2);
    expect(ki[1]).toBe(ka);
    expect(ki[0]).not.toBe(ka);
    const rka = glyphIds('र्क');
    expect(rka).toHaveLength(2);
    expect(rka[0]).toBe(ka);
    expect(rka).not.toContain(glyphIds('र')[0]);
  });
});

describe('ToUnicode', () => {
  test('maps a conjunct glyph to its letters and each glyph of कि and र्क to the character it draws', () => {
    const font = pdfFonts().regular;
    const usage = new GlyphUsage(font);
    for (const text of ['क्ष', 'कि', 'र्क']) usage.record(shapeText(font, text, 'hi'));
    const [ksha] = glyphIds('क्ष');
    const [iMatra, ka] = glyphIds('कि');
    const reph = glyphIds('र्क')[1] ?? -1;
    expect(usage.glyphs.get(ksha ?? -1)).toBe('क्ष');
    expect(usage.glyphs.get(ka ?? -1)).toBe('क');
    expect(usage.glyphs.get(iMatra ?? -1)).toBe('ि');
    expect(usage.glyphs.get(reph)).toBe('र्');
    const hex = (n: number | undefined) => (n ?? -1).toString(16).padStart(4, '0').toUpperCase();
    expect(toUnicodeCMap(usage.glyphs)).toContain(`<${hex(ksha)}> <0915094D0937>`);
  });
});

describe('PDF output', () => {
  test('embeds a subset Type0 font with Identity-H, CIDToGIDMap Identity, /W and ToUnicode', async () => {
    const pdf = await renderPdf(MARATHI);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('/Subtype /CIDFontType2');
    expect(raw).toContain('/Encoding /Identity-H');
    expect(raw).toContain('/CIDToGIDMap /Identity');
    expect(raw).toMatch(/\/W \[\d+ \[/);
    expect(raw).toContain('/ToUnicode');
    const fonts = pdfFontsTable(pdf);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansDevanagari-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansDevanagari-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // The full fonts are 220 kB each; the subsets keep only the glyphs on the page.
    expect(pdf.byteLength).toBeLessThan(40_000);
  });

  test('text can be copied and searched, Devanagari included, with the checkpoint on the page', async () => {
    const text = pdfText(await renderPdf(MARATHI));
    for (const word of ['क्षेत्रीय', 'ज्ञानेश्वर', 'श्रमिक', 'शुद्ध', 'तर्क', 'किल्ला', 'निर्मिती', 'BUB3000001', 'स्ट्रॉंग']) {
      expect(text).toContain(word);
    }
    expect(text).toContain(CHECKPOINT.rootHex);
    expect(text).toContain('1,23,456');
    expect(text).toContain('पृष्ठ 1 / 1');
  });

  test('a long table runs onto more pages, each with the table header and the log footer', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ['BU', `BUB${String(3000000 + i)}`, 'BEL M3 2022', 'गोदामात']);
    const pdf = await renderPdf({ ...MARATHI, rows });
    const pages = pdfText(pdf).split('\f').filter((p) => p.trim().length > 0);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain('अनुक्रमांक');
      expect(page).toContain(CHECKPOINT.rootHex);
      expect(page).toContain(`पृष्ठ ${i + 1} / ${pages.length}`);
    });
    expect(pdfText(pdf)).toContain('BUB3000119');
  });
});

describe('pages as printed (golden images)', () => {
  test.each([
    ['marathi', MARATHI],
    ['hindi', HINDI],
    ['stocktake', STOCKTAKE],
  ])('the %s page matches the checked-in image', async (name, doc) => {
    const png = renderPage(await renderPdf(doc), DPI);
    const golden = join(GOLDEN_DIR, `${name}-page.png`);
    if (process.env.UPDATE_PDF_GOLDEN === '1') writeFileSync(golden, png);
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_PDF_GOLDEN=1 and look at it`).toBe(true);
    const diff = diffPng(png, readFileSync(golden));
    expect(diff.ink).toBeGreaterThan(5_000);
    // Same poppler, same pixels; the margin absorbs anti-aliasing changes between versions.
    expect(diff.differing).toBeLessThanOrEqual(Math.max(25, diff.ink * 0.002));
  });
});
