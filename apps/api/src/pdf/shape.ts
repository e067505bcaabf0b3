import * as hb from 'harfbuzzjs';

import type { PdfFont } from './fonts.ts';

/** One glyph HarfBuzz placed; sizes in font units, `cluster` indexes the text (UTF-16). */
export interface ShapedGlyph {
  readonly glyphId: number;
  readonly cluster: number;
  readonly xAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

export interface ShapedText {
  readonly text: string;
  readonly font: PdfFont;
  readonly glyphs: readonly ShapedGlyph[];
  /** Sum of the advances, in font units. */
  readonly width: number;
}

/** Languages the PDFs print; HarfBuzz uses them to pick local forms (Marathi's differ from Hindi's). */
export type PdfLanguage = 'en' | 'hi' | 'mr';

function isDevanagari(code: number): boolean {
  return (code >= 0x0900 && code <= 0x097f) || (code >= 0xa8e0 && code <= 0xa8ff) || (code >= 0x1cd0 && code <= 0x1cff);
}

function isLatinLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f);
}

interface Run {
  readonly start: number;
  readonly end: number;
}

/** Splits text where it changes between Devanagari and Latin; spaces, digits and signs join the run they are in. */
export function scriptRuns(text: string): Run[] {
  const runs: Run[] = [];
  let start = 0;
  let current: 'deva' | 'latn' | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const script = isDevanagari(code) ? 'deva' : isLatinLetter(code) ? 'latn' : undefined;
    if (script === undefined) continue;
    if (current !== undefined && script !== current) {
      runs.push({ start, end: i });
      start = i;
    }
    current = script;
  }
  if (text.length > 0) runs.push({ start, end: text.length });
  return runs;
}

function shapeRun(font: PdfFont, text: string, run: Run, language: PdfLanguage): ShapedGlyph[] {
  const buffer = new hb.Buffer();
  buffer.addText(text, run.start, run.end - run.start);
  buffer.setLanguage(language);
  buffer.guessSegmentProperties();
  hb.shape(font.hbFont, buffer);
  return buffer.getGlyphInfosAndPositions().map((g) => ({
    glyphId: g.codepoint,
    cluster: g.cluster,
    xAdvance: g.xAdvance ?? 0,
    xOffset: g.xOffset ?? 0,
    yOffset: g.yOffset ?? 0,
  }));
}

const cache = new Map<string, ShapedText>();

/** Shapes one line of text with HarfBuzz: conjuncts, reph, pre-base matras and mark positions. */
export function shapeText(font: PdfFont, text: string, language: PdfLanguage): ShapedText {
  const key = `${font.postscriptName}\u0000${language}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const glyphs = scriptRuns(text).flatMap((run) => shapeRun(font, text, run, language));
  const shaped = { text, font, glyphs, width: glyphs.reduce((sum, g) => sum + g.xAdvance, 0) };
  if (cache.size > 5000) cache.clear();
  cache.set(key, shaped);
  return shaped;
}
