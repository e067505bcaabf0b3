/**
 * The EVMRAND/1 draw (specs/evmrand-v1.md §4.4): for each kind, the pool sorted by ticket under
 * the seed "S|T=KIND", cut into blocks in demand order; what is left is the reserve, in ticket
 * order (the order replacements are taken in). allocation.csv lists `TYPE,TARGET,ID` per unit,
 * kind by kind: the blocks, then `TYPE,RESERVE-<scope>,ID`.
 */
import { UNIT_KINDS, type UnitKind } from '../domain/units.ts';
import { ok, type Err, type Result } from '../lib/result.ts';
import { parsePoolCsv, type DemandRow, type FrozenDemand, type FrozenPool } from './csv.ts';
import { parseDemandCsv } from './demand.ts';
import { randErr, type RandError } from './errors.ts';
import { orderByTicket, type Ordering } from './order.ts';
import { parseSeed, type ParsedSeed } from './seed-parse.ts';
import { sha256Hex } from './ticket.ts';

export interface AllocationBlock {
  readonly target: string;
  /** The units of this target, in ticket order. */
  readonly serials: readonly string[];
}

export interface KindAllocation {
  /** The whole pool of this kind in ticket order (tickets on demand). */
  readonly order: Ordering;
  readonly blocks: readonly AllocationBlock[];
  /** What is left, in ticket order: replacements are taken from the front. */
  readonly reserve: readonly string[];
}

export interface Allocation {
  readonly seed: ParsedSeed;
  /** The target name of the reserve lines: RESERVE-<scope>. */
  readonly reserveTarget: string;
  readonly byKind: Readonly<Record<UnitKind, KindAllocation>>;
  /** allocation.csv, canonical (LF, final LF). */
  readonly csv: string;
  /** sha256hex(allocation.csv), published at the ceremony. */
  readonly hash: string;
}

/** The per-kind seed: S + "|T=" + kind (domain separation between BU, CU and VVPAT). */
export function kindSeed(seed: string, kind: UnitKind): string {
  return `${seed}|T=${kind}`;
}

function checkSize(kind: UnitKind, available: number, demand: readonly Pick<DemandRow, 'count'>[]): Err<RandError> | undefined {
  const needed = demand.reduce((sum, row) => sum + row.count, 0);
  if (needed <= available) return undefined;
  return randErr('rand_pool_too_small', `The pool has ${available} ${kind} but the demand asks for ${needed}; add ${needed - available} eligible ${kind} or lower the demand`, { kind });
}

/**
 * Cuts an order into consecutive blocks of the demanded sizes, in demand order; the rest is
 * the reserve. Refuses a demand larger than the order.
 */
export function cutBlocks(
  kind: UnitKind,
  order: readonly string[],
  demand: readonly Pick<DemandRow, 'target' | 'count'>[],
): Result<{ readonly blocks: readonly AllocationBlock[]; readonly reserve: readonly string[] }, RandError> {
  const tooSmall = checkSize(kind, order.length, demand);
  if (tooSmall) return tooSmall;
  let cursor = 0;
  const blocks = demand.map((row) => {
    const serials = order.slice(cursor, cursor + row.count);
    cursor += row.count;
    return { target: row.target, serials };
  });
  return ok({ blocks, reserve: order.slice(cursor) });
}

/** allocation.csv: per kind in the order BU, CU, VVPAT, its blocks in demand order, then its reserve. */
function allocationCsv(byKind: Readonly<Record<UnitKind, KindAllocation>>, reserveTarget: string): string {
  const lines: string[] = [];
  for (const kind of UNIT_KINDS) {
    for (const block of byKind[kind].blocks) {
      for (const serial of block.serials) lines.push(`${kind},${block.target},${serial}\n`);
    }
    for (const serial of byKind[kind].reserve) lines.push(`${kind},${reserveTarget},${serial}\n`);
  }
  return lines.join('');
}

/**
 * Draws the allocation of `pool` to `demand` under the seed string `seed` (from `seedFrom`).
 * Refuses a seed that names other pool or demand hashes than the files given (G3), and a pool
 * too small for the demand of any kind. Pool and demand are as `freezePool`/`parsePoolCsv` and
 * `freezeDemand`/`parseDemandCsv` return them.
 */
export function allocate(input: { readonly pool: FrozenPool; readonly demand: FrozenDemand; readonly seed: string }): Result<Allocation, RandError> {
  const parsed = parseSeed(input.seed);
  if (!parsed.ok) return parsed;
  const { poolHash, demandHash, scope } = parsed.value;
  if (poolHash !== input.pool.hash) {
    return randErr('rand_seed_mismatch', `The seed names pool hash P=${poolHash.slice(0, 16)}… but the pool given hashes to ${input.pool.hash.slice(0, 16)}…; use the pool frozen before the ceremony`, { field: 'P' });
  }
  if (demandHash !== input.demand.hash) {
    return randErr('rand_seed_mismatch', `The seed names demand hash Q=${demandHash.slice(0, 16)}… but the demand given hashes to ${input.demand.hash.slice(0, 16)}…; use the demand frozen before the ceremony`, { field: 'Q' });
  }
  const reserveTarget = `RESERVE-${scope}`;
  const byKind: Partial<Record<UnitKind, KindAllocation>> = {};
  const rowsOf = (kind: UnitKind) => input.demand.rows.filter((row) => row.kind === kind);
  for (const kind of UNIT_KINDS) {
    const tooSmall = checkSize(kind, input.pool.byKind[kind].length, rowsOf(kind));
    if (tooSmall) return tooSmall;
  }
  for (const kind of UNIT_KINDS) {
    const rows = rowsOf(kind);
    const serials = input.pool.byKind[kind];
    const order = orderByTicket(serials, kindSeed(input.seed, kind));
    if (!order.ok) return order;
    const cut = cutBlocks(kind, order.value.ids, rows);
    if (!cut.ok) return cut;
    byKind[kind] = { order: order.value, ...cut.value };
  }
  const complete = byKind as Record<UnitKind, KindAllocation>;
  const csv = allocationCsv(complete, reserveTarget);
  return ok({ seed: parsed.value, reserveTarget, byKind: complete, csv, hash: sha256Hex(csv) });
}

/**
 * An observer's check: redraws from the published pool.csv, demand.csv and seed string, refusing
 * files that are not byte-for-byte canonical. Compare the result's `hash` with the published one.
 */
export function redrawFromFiles(input: { readonly poolCsv: string; readonly demandCsv: string; readonly seed: string }): Result<Allocation, RandError> {
  const pool = parsePoolCsv(input.poolCsv);
  if (!pool.ok) return pool;
  const demand = parseDemandCsv(input.demandCsv);
  if (!demand.ok) return demand;
  return allocate({ pool: pool.value, demand: demand.value, seed: input.seed });
}
