import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as hb from 'harfbuzzjs';

/*
 * The PDF fonts: Noto Sans Devanagari (SIL OFL 1.1) from the npm package
 * @expo-google-fonts/noto-sans-devanagari. Google's build of it carries the Latin set of Noto
 * Sans too, so one family prints English, Hindi and Marathi. Nothing is fetched at run time.
 */

export type FontStyle = 'regular' | 'bold';

const FILES: Readonly<Record<FontStyle, string>> = {
  regular: '400Regular/NotoSansDevanagari_400Regular.ttf',
  bold: '700Bold/NotoSansDevanagari_700Bold.ttf',
};

/** A font ready to shape with HarfBuzz and to embed: its bytes, metrics in font units and its name. */
export interface PdfFont {
  readonly style: FontStyle;
  readonly postscriptName: string;
  readonly bytes: Uint8Array;
  readonly hbFont: hb.Font;
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  readonly bbox: readonly [number, number, number, number];
  advance(glyphId: number): number;
}

const require = createRequire(import.meta.url);

function readInt16(table: Uint8Array, offset: number): number {
  return new DataView(table.buffer, table.byteOffset, table.byteLength).getInt16(offset);
}

function loadFont(style: FontStyle): PdfFont {
  const bytes = new Uint8Array(readFileSync(require.resolve(`@expo-google-fonts/noto-sans-devanagari/${FILES[style]}`)));
  const face = new hb.Face(new hb.Blob(bytes));
  const hbFont = new hb.Font(face);
  const head = face.referenceTable('head');
  const hhea = face.referenceTable('hhea');
  if (!head || !hhea) throw new Error(`Font ${FILES[style]} has no head or hhea table`);
  const advances = new Map<number, number>();
  return {
    style,
    postscriptName: style === 'bold' ? 'NotoSansDevanagari-Bold' : 'NotoSansDevanagari-Regular',
    bytes,
    hbFont,
    unitsPerEm: face.upem,
    ascender: readInt16(hhea, 4),
    descender: readInt16(hhea, 6),
    bbox: [readInt16(head, 36), readInt16(head, 38), readInt16(head, 40), readInt16(head, 42)],
    advance(glyphId) {
      let width = advances.get(glyphId);
      if (width === undefined) {
        width = hbFont.glyphHAdvance(glyphId);
        advances.set(glyphId, width);
      }
      return width;
    },
  };
}

let loaded: Readonly<Record<FontStyle, PdfFont>> | undefined;

/** Both styles, loaded once per process. */
export function pdfFonts(): Readonly<Record<FontStyle, PdfFont>> {
  loaded ??= { regular: loadFont('regular'), bold: loadFont('bold') };
  return loaded;
}
