import { createHash } from 'node:crypto';

import type { PdfFont } from './fonts.ts';
import type { ShapedText } from './shape.ts';
import { subsetFont } from './subset.ts';
import { ref, type PdfFile, type PdfRef } from './writer.ts';

/**
 * The glyphs a document uses from one font, each with the text it stands for (for ToUnicode).
 * A glyph alone in its cluster (a conjunct such as क्ष) stands for the cluster's text; in a
 * cluster of several glyphs (कि, र्क) each glyph that is a character's own glyph stands for that
 * character and the first other glyph for the rest. Each line's ActualText gives readers that
 * honour it the text in logical order.
 */
export class GlyphUsage {
  readonly glyphs = new Map<number, string>([[0, '']]);

  constructor(readonly font: PdfFont) {}

  record(shaped: ShapedText): void {
    const clusters = new Map<number, number[]>();
    for (const g of shaped.glyphs) clusters.set(g.cluster, [...(clusters.get(g.cluster) ?? []), g.glyphId]);
    const starts = [...clusters.keys()].sort((a, b) => a - b);
    starts.forEach((start, i) => {
      const text = shaped.text.slice(start, starts[i + 1] ?? shaped.text.length);
      this.mapCluster(clusters.get(start) ?? [], text);
    });
  }

  private mapCluster(glyphIds: readonly number[], text: string): void {
    if (glyphIds.length === 1) return this.map(glyphIds[0] ?? 0, text);
    const rest = [...text];
    const unmatched: number[] = [];
    for (const id of glyphIds) {
      const at = rest.findIndex((ch) => this.font.hbFont.nominalGlyph(ch.codePointAt(0) ?? 0) === id);
      if (at >= 0) this.map(id, rest.splice(at, 1).join(''));
      else unmatched.push(id);
    }
    unmatched.forEach((id, i) => this.map(id, i === 0 ? rest.join('') : ''));
  }

  private map(glyphId: number, text: string): void {
    if (glyphId !== 0 && !this.glyphs.get(glyphId)) this.glyphs.set(glyphId, text);
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0').toUpperCase();
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** The ToUnicode CMap: glyph id → the text it stands for, so text can be copied and searched. */
export function toUnicodeCMap(glyphs: ReadonlyMap<number, string>): string {
  const entries = [...glyphs].filter(([, text]) => text.length > 0).sort(([a], [b]) => a - b);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.map(([gid, text]) => `<${hex4(gid)}> <${utf16Hex(text)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CIDResource defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The /W array: each used glyph's advance in 1000ths of an em, runs of consecutive ids together. */
export function widthsArray(font: PdfFont, glyphIds: Iterable<number>): string {
  const ids = [...new Set(glyphIds)].sort((a, b) => a - b);
  const scale = 1000 / font.unitsPerEm;
  const groups: string[] = [];
  let i = 0;
  while (i < ids.length) {
    const first = ids[i] ?? 0;
    const widths: number[] = [];
    while (i < ids.length && ids[i] === first + widths.length) {
      widths.push(Math.round(font.advance(first + widths.length) * scale));
      i++;
    }
    groups.push(`${first} [${widths.join(' ')}]`);
  }
  return `[${groups.join(' ')}]`;
}

/** Six capital letters naming the subset, derived from its glyphs so the same page gives the same file. */
function subsetTag(font: PdfFont, glyphIds: Iterable<number>): string {
  const digest = createHash('sha256').update(`${font.postscriptName}:${[...glyphIds].join(',')}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** Embeds the used glyphs as a Type0 font (CIDFontType2, Identity-H, CIDToGIDMap Identity). */
export async function embedFont(file: PdfFile, usage: GlyphUsage): Promise<PdfRef> {
  const { font } = usage;
  const ids = [...usage.glyphs.keys()].sort((a, b) => a - b);
  const subset = await subsetFont(font.bytes, ids);
  const name = `${subsetTag(font, ids)}+${font.postscriptName}`;
  const scale = 1000 / font.unitsPerEm;
  const [x0, y0, x1, y1] = font.bbox.map((v) => Math.round(v * scale));
  const fontFile = file.addStream(subset, `/Length1 ${subset.byteLength}`);
  const descriptor = file.add(
    `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle 0` +
      ` /Ascent ${Math.round(font.ascender * scale)} /Descent ${Math.round(font.descender * scale)}` +
      ` /CapHeight ${Math.round(font.ascender * scale * 0.8)} /StemV ${font.style === 'bold' ? 140 : 80} /FontFile2 ${ref(fontFile)} >>`,
  );
  const cidFont = file.add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name}` +
      ' /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>' +
      ` /FontDescriptor ${ref(descriptor)} /DW 1000 /W ${widthsArray(font, ids)} /CIDToGIDMap /Identity >>`,
  );
  const toUnicode = file.addStream(toUnicodeCMap(usage.glyphs));
  return file.add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H` +
      ` /DescendantFonts [${ref(cidFont)}] /ToUnicode ${ref(toUnicode)} >>`,
  );
}
