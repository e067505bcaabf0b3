/**
 * A maker's manifest (a supply order's CSV: kind,model,serial,year) and the rules a line must
 * meet before its unit may be taken in. Pure: the latest acceptable year comes in as a parameter.
 *
 * Serial scheme (seed/README.md): <kind prefix><maker letter><model digit><6 or 7 digits>,
 * kind prefix BU | CU | VV, maker letter B (BEL) | E (ECIL), model digit 2 | 3: BUB3000123.
 */
import { MODELS, UNIT_KINDS, type Maker, type Model, type UnitKind } from './units.ts';

const SERIAL_SCHEME = /^(BU|CU|VV)([BE])([23])(\d{6,7})$/;
const KIND_OF_PREFIX: Readonly<Record<string, UnitKind>> = { BU: 'BU', CU: 'CU', VV: 'VVPAT' };
const MAKER_OF_LETTER: Readonly<Record<string, Maker>> = { B: 'BEL', E: 'ECIL' };

/** What a serial says about its unit, or null when it does not follow the scheme. */
export interface SerialParts {
  readonly kind: UnitKind;
  readonly maker: Maker;
  readonly model: Model;
}

export function serialParts(serial: string): SerialParts | null {
  const match = SERIAL_SCHEME.exec(serial);
  if (!match) return null;
  const [, prefix = '', letter = '', digit = ''] = match;
  const kind = KIND_OF_PREFIX[prefix];
  const maker = MAKER_OF_LETTER[letter];
  if (!kind || !maker) return null;
  return { kind, maker, model: `M${digit}` as Model };
}

/** First manufacturing year of each model and kind (M3 EVMs from 2017, M3 VVPATs from 2018). */
export function firstYear(model: Model, kind: UnitKind): number {
  if (model === 'M3') return kind === 'VVPAT' ? 2018 : 2017;
  return kind === 'VVPAT' ? 2013 : 2006;
}

export const MANIFEST_PROBLEMS = [
  'malformed_line',
  'malformed_serial',
  'kind_mismatch',
  'model_mismatch',
  'maker_mismatch',
  'year_out_of_range',
  'duplicate_in_file',
  'known_in_district',
  'known_elsewhere',
] as const;
export type ManifestProblemType = (typeof MANIFEST_PROBLEMS)[number];

/** One problem of one line; the web words it per type from these fields. */
export interface ManifestProblem {
  readonly type: ManifestProblemType;
  readonly line: number;
  /** The serial as written (trimmed), or the whole line when it has no serial. */
  readonly serial: string;
  /** duplicate_in_file: the other line; known_in_district: where the unit is. */
  readonly otherLine?: number;
  readonly locationName?: string;
  /** What the serial says against what the line says (kind, model, maker, year range). */
  readonly expected?: string;
  readonly found?: string;
}

export interface ManifestLine {
  readonly line: number;
  readonly kind: UnitKind;
  readonly model: Model;
  readonly serial: string;
  readonly year: number;
}

export const MANIFEST_HEADER = ['kind', 'model', 'serial', 'year'] as const;

/** The lines of a manifest CSV chunk: `firstLine` is the file line number of `text`'s first line. */
export function splitManifestLines(text: string, firstLine: number): Array<{ line: number; text: string }> {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '') return [];
    const line = firstLine + i;
    if (line === 1 && isHeader(trimmed)) return [];
    return [{ line, text: trimmed }];
  });
}

function isHeader(text: string): boolean {
  return text.toLowerCase().replace(/\s/g, '') === MANIFEST_HEADER.join(',');
}

/** One CSV line checked on its own: the parsed line, or the problems that keep it out. */
export function checkManifestLine(
  input: { line: number; text: string },
  rules: { maker: Maker; maxYear: number },
): { ok: true; value: ManifestLine } | { ok: false; problems: ManifestProblem[] } {
  const cells = input.text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
  const [kindText = '', modelText = '', serialText = '', yearText = ''] = cells;
  const serial = serialText.toUpperCase();
  const line = input.line;
  const kind = UNIT_KINDS.find((k) => k === kindText.toUpperCase());
  const model = MODELS.find((m) => m === modelText.toUpperCase());
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (cells.length !== 4 || !kind || !model || Number.isNaN(year)) {
    return { ok: false, problems: [{ type: 'malformed_line', line, serial: serial || input.text.slice(0, 40), found: input.text.slice(0, 80) }] };
  }
  const parts = serialParts(serial);
  if (!parts) return { ok: false, problems: [{ type: 'malformed_serial', line, serial: serialText.slice(0, 40) }] };
  const problems: ManifestProblem[] = [];
  if (parts.kind !== kind) problems.push({ type: 'kind_mismatch', line, serial, expected: parts.kind, found: kind });
  if (parts.model !== model) problems.push({ type: 'model_mismatch', line, serial, expected: parts.model, found: model });
  if (parts.maker !== rules.maker) problems.push({ type: 'maker_mismatch', line, serial, expected: rules.maker, found: parts.maker });
  const from = firstYear(parts.model, parts.kind);
  if (year < from || year > rules.maxYear) {
    problems.push({ type: 'year_out_of_range', line, serial, expected: `${from}–${rules.maxYear}`, found: String(year) });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { line, kind, model, serial, year } };
}

/** Serials written twice or more in one manifest: each later line, naming the first. */
export function duplicatesInFile(lines: ReadonlyArray<{ line: number; serial: string }>): ManifestProblem[] {
  const first = new Map<string, number>();
  const problems: ManifestProblem[] = [];
  for (const { line, serial } of lines) {
    const earlier = first.get(serial);
    if (earlier === undefined) first.set(serial, line);
    else problems.push({ type: 'duplicate_in_file', line, serial, otherLine: earlier });
  }
  return problems;
}
