import { createHash } from 'node:crypto';

import type { PdfFont } from './fonts.ts';
import type { ShapedText } from './shape.ts';
import { subsetFont } from './subset.ts';
import { ref, type PdfFile, type PdfRef } from './writer.ts';

/**
 * The glyphs a document uses from one font, each with the text it stands for (for ToUnicode).
 * A glyph that stands for a whole cluster (a conjunct such as क्ष) maps to the cluster's text;
 * the other glyphs of a multi-glyph cluster map to the characters they draw where that is known.
 */
export class GlyphUsage {
  readonly glyphs = new Map<number, string>([[0, '']]);

  constructor(readonly font: PdfFont) {}

  record(shaped: ShapedText): void {
    const starts = [...new Set(shaped.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
    const clusterText = (cluster: number) => {
      const next = starts.find((s) => s > cluster) ?? shaped.text.length;
      return shaped.text.slice(cluster, next);
    };
    const perCluster = new Map<number, number>();
    for (const g of shaped.glyphs) perCluster.set(g.cluster, (perCluster.get(g.cluster) ?? 0) + 1);
    for (const g of shaped.glyphs) {
      if (this.glyphs.has(g.glyphId)) continue;
      // Alone in its cluster the glyph is the cluster; otherwise leave it to the span's ActualText.
      if (perCluster.get(g.cluster) === 1) this.glyphs.set(g.glyphId, clusterText(g.cluster));
      else this.glyphs.set(g.glyphId, '');
    }
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
