import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { qrModules } from '../src/pdf/qr.ts';
import { renderPdf, type PdfDocumentModel } from '../src/pdf/render.ts';
import { diffPng, pdfText, renderPage } from './pdf/poppler.ts';

/*
 * The location logbook and the QR label sheet as printed: golden images a person looked at
 * (refresh with UPDATE_PDF_GOLDEN=1, then look at them), and the QR codes' structure.
 */

const GOLDEN_DIR = join(import.meta.dirname, 'fixtures', 'pdf');
const DPI = 110;
const CHECKPOINT = { origin: 'evmtrail.test/MH-PUNE', size: 4321, rootHex: '5c1e'.repeat(16) };
const CREATED = new Date('2029-02-10T05:30:00Z');

const LOGBOOK: PdfDocumentModel = {
  language: 'en',
  title: 'Logbook: District Strongroom, Pune (SR-PUNE-DIST)',
  meta: [
    'Location: Strongroom · District: Pune',
    'Strongroom status: SEALED · Sessions recorded: 2',
    'Key-holders: District Election Officer, Pune (deo.pune), Deputy District Election Officer, Pune (dydeo.pune)',
    'Seals applied at the last close: DSR-PUNE-0003, DSR-PUNE-0004',
    'Printed: 10-02-2029 11:00 IST · deo.pune',
  ],
  columns: ['#', 'Time (IST)', 'Entry', 'By', 'From › To', 'Seals, witnesses, remarks'].map((header, i) => ({ header, width: [0.8, 1.5, 1.8, 1.6, 2.2, 4][i] ?? 1 })),
  rows: [
    ['4320', '10-02-2029 10:45', 'Strongroom closed and sealed', 'deo.pune', 'District Strongroom, Pune', 'Seals: DSR-PUNE-0003, DSR-PUNE-0004 · Witnesses: Sunita Deshmukh (Indian National Congress, ID MH/PA/2026/0117) · Strongroom session 2 closed and sealed by deo.pune'],
    ['4319', '10-02-2029 10:20', 'Received', 'warehouse.pune', 'Truck MH12 0042 › District Strongroom, Pune', '2: BUB3000001, BUB3000002 · Consignment CON-PUNE-0042; under strongroom session 2 of SR-PUNE-DIST'],
    ['4318', '10-02-2029 10:00', 'Strongroom opened', 'deo.pune', 'District Strongroom, Pune', 'Seals: DSR-PUNE-0001, DSR-PUNE-0002 · Witnesses: Sunita Deshmukh (Indian National Congress, ID MH/PA/2026/0117); Rahul Kulkarni (Bharatiya Janata Party, ID MH/PA/2026/0342) · Strongroom session 2 opened by deo.pune and dydeo.pune, the key-holders'],
  ],
  emptyText: 'The custody log has no entries for this place.',
  checkpoint: CHECKPOINT,
  createdAt: CREATED,
};

const PLACES = [
  ['SR-PUNE-DIST', 'ज़िला स्ट्रांग रूम, पुणे', 'स्ट्रांग रूम'],
  ['SR-PUNE-DIST-R1', 'कक्ष 1', 'स्ट्रांग रूम'],
  ['SR-PUNE-DIST-R1-RACK-A', 'रैक A', 'स्ट्रांग रूम'],
  ['SR-PUNE-DIST-R1-RACK-B', 'रैक B', 'स्ट्रांग रूम'],
  ['SR-AC210', 'विधानसभा स्ट्रांग रूम, 210 कोथरूड', 'स्ट्रांग रूम · विधानसभा क्षेत्र 210'],
] as const;

const LABELS: PdfDocumentModel = {
  language: 'hi',
  title: 'क्यूआर लेबल: ज़िला स्ट्रांग रूम, पुणे (SR-PUNE-DIST) और उसके भीतर के स्थान',
  meta: ['5 लेबल। धूसर रेखाओं पर काटें; हर क्यूआर कोड में स्थान का कोड है।'],
  columns: [],
  rows: [],
  emptyText: 'लेबल के लिए कोई स्थान नहीं।',
  checkpoint: CHECKPOINT,
  createdAt: CREATED,
  labels: PLACES.map(([code, name, caption]) => ({ code, name, caption, qr: qrModules(code) })),
};

describe('QR modules', () => {
  test('a location code fits a version 1 symbol with its three finder patterns; a longer one a bigger symbol', () => {
    const modules = qrModules('SR-PUNE-DIST');
    expect(modules).toHaveLength(21);
    for (const row of modules) expect(row).toMatch(/^[01]{21}$/);
    expect(qrModules('SR-PUNE-DIST-R1-RACK-A').length).toBe(25);
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    for (let r = 0; r < 7; r++) {
      expect(modules[r]?.slice(0, 7)).toBe(finder[r]);
      expect(modules[r]?.slice(14)).toBe(finder[r]);
      expect(modules[14 + r]?.slice(0, 7)).toBe(finder[r]);
    }
  });

  test('different codes give different symbols; the same code the same', () => {
    expect(qrModules('SR-AC210')).toEqual(qrModules('SR-AC210'));
    expect(qrModules('SR-AC210')).not.toEqual(qrModules('SR-AC211'));
  });
});

describe('text', () => {
  test('the label sheet prints every code and name, and the checkpoint', async () => {
    const text = pdfText(await renderPdf(LABELS));
    for (const [code, name] of PLACES) {
      expect(text).toContain(code);
      expect(text).toContain(name);
    }
    expect(text).toContain(CHECKPOINT.rootHex);
  });

  test('a sheet of 40 labels runs onto a second page with the footer', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ code: `RACK-${String(i + 1).padStart(2, '0')}`, name: `Rack ${i + 1}`, caption: 'Rack', qr: qrModules(`RACK-${i + 1}`) }));
    const pages = pdfText(await renderPdf({ ...LABELS, language: 'en', title: 'QR labels', meta: [], labels: many })).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain('RACK-40');
    for (const page of pages) expect(page).toContain(CHECKPOINT.rootHex);
  });
});

describe('pages as printed (golden images)', () => {
  test.each([
    ['logbook', LOGBOOK],
    ['labels', LABELS],
  ])('the %s page matches the checked-in image', async (name, doc) => {
    const png = renderPage(await renderPdf(doc), DPI);
    const golden = join(GOLDEN_DIR, `${name}-page.png`);
    if (process.env.UPDATE_PDF_GOLDEN === '1') writeFileSync(golden, png);
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_PDF_GOLDEN=1 and look at it`).toBe(true);
    const diff = diffPng(png, readFileSync(golden));
    expect(diff.ink).toBeGreaterThan(5_000);
    expect(diff.differing).toBeLessThanOrEqual(Math.max(25, diff.ink * 0.002));
  });
});
