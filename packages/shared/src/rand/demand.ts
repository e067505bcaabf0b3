/**
 * demand.csv of EVMRAND/1 (specs/evmrand-v1.md §4.2): one `TYPE,TARGET,COUNT` line per (kind,
 * target), reserves excluded (they are what is left). The file order is the allocation order:
 * kinds in the order BU, CU, VVPAT, and within a kind the targets in the order given (ascending
 * AC or PS number: the caller's order is kept).
 */
import { UNIT_KINDS, type UnitKind } from '../domain/units.ts';
import { ok, type Result } from '../lib/result.ts';
import { RAND_ID_PATTERN, type DemandRow, type FrozenDemand } from './csv.ts';
import { randErr, type RandError } from './errors.ts';
import { sha256Hex } from './ticket.ts';

/** Targets may not look like the reserve line of an allocation. */
const RESERVE_PREFIX = 'RESERVE';
const MAX_TARGET_LENGTH = 64;
const MAX_COUNT = 10_000_000;
const COUNT_PATTERN = /^[1-9][0-9]*$/;

function kindRank(kind: string): number {
  return (UNIT_KINDS as readonly string[]).indexOf(kind);
}

function checkRow(row: DemandRow, at: string): RandError | undefined {
  const context = { kind: row.kind, field: 'demand' };
  if (kindRank(row.kind) < 0) {
    return { type: 'rand_invalid_input', message: `${at}: kind '${String(row.kind)}' is not one of ${UNIT_KINDS.join(', ')}`, field: 'demand' };
  }
  if (!(row.target.length <= MAX_TARGET_LENGTH && RAND_ID_PATTERN.test(row.target))) {
    return { type: 'rand_invalid_input', message: `${at}: target ${JSON.stringify(row.target)} is not valid: use upper-case letters, digits or '-' (an AC or PS code such as AC-057)`, ...context };
  }
  if (row.target.startsWith(RESERVE_PREFIX)) {
    return { type: 'rand_invalid_input', message: `${at}: target ${row.target} is not allowed: names starting with ${RESERVE_PREFIX} are kept for the reserve`, ...context };
  }
  if (!Number.isSafeInteger(row.count) || row.count < 1 || row.count > MAX_COUNT) {
    return { type: 'rand_invalid_input', message: `${at}: ${row.kind} count for ${row.target} must be a whole number from 1 to ${MAX_COUNT} (got ${String(row.count)})`, ...context };
  }
  return undefined;
}

/**
 * Builds demand.csv: checks every row, refuses a (kind, target) given twice, puts the kinds in
 * the order BU, CU, VVPAT (keeping the targets' order within a kind) and hashes the file.
 */
export function freezeDemand(rows: readonly DemandRow[]): Result<FrozenDemand, RandError> {
  for (const [i, row] of rows.entries()) {
    const bad = checkRow(row, `Demand row ${i + 1}`);
    if (bad) return randErr(bad.type, bad.message, bad);
  }
  const ordered = [...rows].sort((x, y) => kindRank(x.kind) - kindRank(y.kind)); // stable
  return parseDemandCsv(ordered.map((r) => `${r.kind},${r.target},${r.count}\n`).join(''));
}

/** Reads a published demand.csv; refuses bad rows, duplicates and kinds out of order. */
export function parseDemandCsv(csv: string): Result<FrozenDemand, RandError> {
  if (csv !== '' && !csv.endsWith('\n')) return randErr('rand_not_canonical', 'demand.csv must end with a line feed', { field: 'demand' });
  const lines = csv === '' ? [] : csv.slice(0, -1).split('\n');
  const rows: DemandRow[] = [];
  const seen = new Set<string>();
  let previousKind: UnitKind = 'BU';
  for (const [i, line] of lines.entries()) {
    const at = `demand.csv line ${i + 1}`;
    const parts = line.split(',');
    const [kind, target, count] = parts;
    if (line.includes('\r')) return randErr('rand_not_canonical', `${at}: use LF line endings, not CRLF`, { line: i + 1, field: 'demand' });
    if (parts.length !== 3 || kind === undefined || target === undefined || count === undefined || kindRank(kind) < 0 || !COUNT_PATTERN.test(count)) {
      return randErr('rand_invalid_input', `${at} '${line}' is not TYPE,TARGET,COUNT with TYPE one of ${UNIT_KINDS.join(', ')} and COUNT a whole number without leading zeros`, { line: i + 1, field: 'demand' });
    }
    const row: DemandRow = { kind: kind as UnitKind, target, count: Number(count) };
    const bad = checkRow(row, at);
    if (bad) return randErr(bad.type, bad.message, { ...bad, line: i + 1 });
    if (seen.has(`${kind},${target}`)) return randErr('rand_duplicate', `${at}: ${kind} for ${target} is asked for twice`, { line: i + 1, kind: row.kind, field: 'demand' });
    if (kindRank(kind) < kindRank(previousKind)) {
      return randErr('rand_not_canonical', `${at}: ${kind} lines must come before ${previousKind} lines (kinds in the order ${UNIT_KINDS.join(', ')})`, { line: i + 1, kind: row.kind, field: 'demand' });
    }
    seen.add(`${kind},${target}`);
    rows.push(row);
    previousKind = row.kind;
  }
  return ok({ csv, hash: sha256Hex(csv), rows });
}
