import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PNG } from 'pngjs';

/*
 * Poppler (Debian poppler-utils; scripts/ensure-poppler.sh installs it) reads our PDFs the way a
 * viewer does: pdftoppm renders a page, pdftotext gives the text a reader can copy and search.
 */

function withPdf<T>(pdf: Uint8Array, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'evmtrail-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page 1 as PNG bytes at `dpi`. */
export function renderPage(pdf: Uint8Array, dpi = 96): Buffer {
  return withPdf(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  });
}

/** The document's text in reading order. */
export function pdfText(pdf: Uint8Array): string {
  return withPdf(pdf, (_dir, file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** Font facts as pdffonts prints them (name, type, encoding, embedded, subset, ToUnicode). */
export function pdfFontsTable(pdf: Uint8Array): string {
  return withPdf(pdf, (_dir, file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

export interface ImageDiff {
  readonly width: number;
  readonly height: number;
  /** Pixels whose grey level differs by more than the threshold. */
  readonly differing: number;
  /** Pixels darker than mid grey in the expected image (ink). */
  readonly ink: number;
}

function grey(data: Buffer, i: number): number {
  return ((data[i] ?? 255) * 299 + (data[i + 1] ?? 255) * 587 + (data[i + 2] ?? 255) * 114) / 1000;
}

/** Compares two PNGs pixel by pixel in grey; anti-aliasing noise stays under `threshold` (0–255). */
export function diffPng(actualPng: Buffer, expectedPng: Buffer, threshold = 96): ImageDiff {
  const actual = PNG.sync.read(actualPng);
  const expected = PNG.sync.read(expectedPng);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    throw new Error(`Image is ${actual.width}×${actual.height}, expected ${expected.width}×${expected.height}`);
  }
  let differing = 0;
  let ink = 0;
  for (let i = 0; i < expected.data.length; i += 4) {
    const want = grey(expected.data, i);
    if (want < 128) ink++;
    if (Math.abs(grey(actual.data, i) - want) > threshold) differing++;
  }
  return { width: expected.width, height: expected.height, differing, ink };
}
