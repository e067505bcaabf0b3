import { GlyphUsage } from './font-embed.ts';
import { pdfFonts, type FontStyle } from './fonts.ts';
import { shapeText, type PdfLanguage, type ShapedText } from './shape.ts';
import { textString } from './writer.ts';

/** PDF resource names of the two fonts. */
export const FONT_RESOURCE: Readonly<Record<FontStyle, string>> = { regular: 'F1', bold: 'F2' };

function num(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/**
 * Measures, wraps and draws shaped text and simple rules; records every glyph it draws so the
 * document embeds exactly those. Coordinates are PDF points from the page's lower left.
 */
export class TextMeasure {
  readonly usage: Readonly<Record<FontStyle, GlyphUsage>>;

  constructor(readonly language: PdfLanguage) {
    const fonts = pdfFonts();
    this.usage = { regular: new GlyphUsage(fonts.regular), bold: new GlyphUsage(fonts.bold) };
  }

  shape(text: string, style: FontStyle): ShapedText {
    return shapeText(pdfFonts()[style], text, this.language);
  }

  width(text: string, size: number, style: FontStyle): number {
    const shaped = this.shape(text, style);
    return (shaped.width * size) / shaped.font.unitsPerEm;
  }

  /** Greedy wrap at spaces; a word wider than the line breaks between grapheme clusters. */
  wrap(text: string, maxWidth: number, size: number, style: FontStyle): string[] {
    const words = text.split(/\s+/).filter((w) => w.length > 0);
    const whole = words.join(' ');
    if (this.width(whole, size, style) <= maxWidth) return [whole];
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, size, style) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const piece of this.breakWord(word, maxWidth, size, style)) {
        if (line) lines.push(line);
        line = piece;
      }
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }

  private breakWord(word: string, maxWidth: number, size: number, style: FontStyle): string[] {
    if (this.width(word, size, style) <= maxWidth) return [word];
    const pieces: string[] = [];
    let piece = '';
    for (const { segment } of new Intl.Segmenter(this.language, { granularity: 'grapheme' }).segment(word)) {
      if (piece && this.width(piece + segment, size, style) > maxWidth) {
        pieces.push(piece);
        piece = '';
      }
      piece += segment;
    }
    if (piece) pieces.push(piece);
    return pieces;
  }
}

/** One page's content stream, built up operator by operator. */
export class PageCanvas {
  private readonly ops: string[] = [];

  constructor(private readonly measure: TextMeasure) {}

  /** Draws one line of text with its baseline at y; wrapped in an ActualText span for copy and search. */
  text(text: string, x: number, y: number, size: number, style: FontStyle = 'regular', gray = 0): void {
    if (text.length === 0) return;
    const shaped = this.measure.shape(text, style);
    this.measure.usage[style].record(shaped);
    const scale = size / shaped.font.unitsPerEm;
    const out = [`/Span << /ActualText ${textString(text)} >> BDC`, 'BT', `${num(gray)} g`, `/${FONT_RESOURCE[style]} ${num(size)} Tf`];
    let pen = x;
    for (const g of shaped.glyphs) {
      out.push(`1 0 0 1 ${num(pen + g.xOffset * scale)} ${num(y + g.yOffset * scale)} Tm <${g.glyphId.toString(16).padStart(4, '0')}> Tj`);
      pen += g.xAdvance * scale;
    }
    out.push('ET', 'EMC');
    this.ops.push(out.join('\n'));
  }

  fillRect(x: number, y: number, w: number, h: number, gray: number): void {
    this.ops.push(`${num(gray)} g ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f`);
  }

  line(x1: number, y1: number, x2: number, y2: number, gray: number, width = 0.5): void {
    this.ops.push(`${num(gray)} G ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  content(): string {
    return this.ops.join('\n');
  }
}
