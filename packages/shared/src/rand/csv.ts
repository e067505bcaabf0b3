/**
 * The canonical inputs of EVMRAND/1 (specs/evmrand-v1.md §4.2): pool.csv (`TYPE,ID` per eligible
 * unit, sorted by bytes) and demand.csv (`TYPE,TARGET,COUNT`, the allocation order), both UTF-8
 * with LF endings, a final LF and no header, and their SHA-256 hashes P and Q. `freezePool` and
 * `freezeDemand` build them; `parsePoolCsv` and `parseDemandCsv` read a published file back and
 * refuse anything that is not exactly canonical, so one file has one hash.
 */
import { UNIT_KINDS, type UnitKind } from '../domain/units.ts';
import { ok, type Result } from '../lib/result.ts';
import { randErr, type RandError } from './errors.ts';
import { sha256Hex } from './ticket.ts';

/** Serials and targets: printed ids, ASCII upper case, digits and '-'. */
export const RAND_ID_PATTERN = /^[A-Z0-9-]+$/;
/** Longest serial or target accepted (the unit serial schema allows 32). */
const MAX_ID_LENGTH = 64;

export interface PoolUnit {
  readonly kind: UnitKind;
  /** The serial exactly as printed on the unit, type-prefixed (e.g. BU-000101). */
  readonly serial: string;
}

/** A frozen pool: the canonical file, its hash P, and the serials of each kind in file order. */
export interface FrozenPool {
  readonly csv: string;
  readonly hash: string;
  readonly byKind: Readonly<Record<UnitKind, readonly string[]>>;
}

export interface DemandRow {
  readonly kind: UnitKind;
  /** AC code (first stage) or PS code (second stage), e.g. AC-057 or PS-001. */
  readonly target: string;
  readonly count: number;
}

/** A frozen demand: the canonical file, its hash Q, and its rows in allocation order. */
export interface FrozenDemand {
  readonly csv: string;
  readonly hash: string;
  readonly rows: readonly DemandRow[];
}

function isKind(s: string): s is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(s);
}


function checkId(what: string, id: string, at: string): RandError | undefined {
  if (id.length > 0 && id.length <= MAX_ID_LENGTH && RAND_ID_PATTERN.test(id)) return undefined;
  const shown = JSON.stringify(id.length > MAX_ID_LENGTH ? `${id.slice(0, MAX_ID_LENGTH)}…` : id);
  return {
    type: 'rand_invalid_input',
    message: `${at}: ${what} ${shown} is not valid: use 1 to ${MAX_ID_LENGTH} upper-case letters, digits or '-', exactly as printed`,
    ...(what === 'serial' ? { serial: id } : { field: what }),
  };
}

/**
 * Builds pool.csv from the eligible units (any order): checks every serial, refuses a serial
 * given twice (even under two kinds), sorts the lines by bytes and hashes the file.
 */
export function freezePool(units: readonly PoolUnit[]): Result<FrozenPool, RandError> {
  const seen = new Map<string, UnitKind>();
  const lines: string[] = [];
  for (const [i, unit] of units.entries()) {
    const at = `Pool unit ${i + 1}`;
    if (!isKind(unit.kind)) return randErr('rand_invalid_input', `${at}: kind '${String(unit.kind)}' is not one of ${UNIT_KINDS.join(', ')}`, { serial: unit.serial });
    const bad = checkId('serial', unit.serial, `${at} (${unit.kind})`);
    if (bad) return randErr(bad.type, bad.message, { serial: unit.serial, kind: unit.kind });
    const earlier = seen.get(unit.serial);
    if (earlier !== undefined) {
      const kinds = earlier === unit.kind ? '' : ` (as ${earlier} and as ${unit.kind})`;
      return randErr('rand_duplicate', `Unit ${unit.serial} is in the pool twice${kinds}; a serial may appear once`, { serial: unit.serial, kind: unit.kind });
    }
    seen.set(unit.serial, unit.kind);
    lines.push(`${unit.kind},${unit.serial}`);
  }
  lines.sort(); // ASCII only, so UTF-16 order is byte order
  return parsePoolCsv(lines.map((l) => `${l}\n`).join(''));
}

/** Splits a canonical file into lines: LF endings, a final LF, no CR, no empty line. */
function splitLines(file: string, csv: string): Result<string[], RandError> {
  if (csv === '') return ok([]);
  if (!csv.endsWith('\n')) return randErr('rand_not_canonical', `${file} must end with a line feed`, { field: file });
  const lines = csv.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.includes('\r')) return randErr('rand_not_canonical', `${file} line ${i + 1}: use LF line endings, not CRLF`, { line: i + 1, field: file });
    if (line === '') return randErr('rand_not_canonical', `${file} line ${i + 1} is empty`, { line: i + 1, field: file });
  }
  return ok(lines);
}

/** Reads a published pool.csv; refuses bad rows, duplicates and any order but byte order. */
export function parsePoolCsv(csv: string): Result<FrozenPool, RandError> {
  const split = splitLines('pool.csv', csv);
  if (!split.ok) return split;
  const byKind: Record<UnitKind, string[]> = { BU: [], CU: [], VVPAT: [] };
  const seen = new Set<string>();
  let previous = '';
  for (const [i, line] of split.value.entries()) {
    const at = `pool.csv line ${i + 1}`;
    const parts = line.split(',');
    const [kind, serial] = parts;
    if (parts.length !== 2 || kind === undefined || serial === undefined || !isKind(kind)) {
      return randErr('rand_invalid_input', `${at} '${line}' is not TYPE,ID with TYPE one of ${UNIT_KINDS.join(', ')}`, { line: i + 1 });
    }
    const bad = checkId('serial', serial, at);
    if (bad) return randErr(bad.type, bad.message, { line: i + 1, serial, kind });
    if (seen.has(serial)) return randErr('rand_duplicate', `${at}: unit ${serial} is in the pool twice`, { line: i + 1, serial, kind });
    if (i > 0 && line <= previous) {
      return randErr('rand_not_canonical', `${at}: '${line}' must come after '${previous}' (lines sorted by bytes)`, { line: i + 1, serial, kind });
    }
    seen.add(serial);
    byKind[kind].push(serial);
    previous = line;
  }
  return ok({ csv, hash: sha256Hex(csv), byKind });
}
