import { sql, type Kysely, type Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface UnitRow {
  readonly districtId: number;
  readonly stateId: number;
  readonly serial: string;
  readonly kind: string;
  readonly maker: string;
  readonly model: string;
  readonly year: number;
  readonly state: string;
  readonly previousState: string | null;
  readonly hold: string;
  readonly flcCycle: number | null;
  readonly isTraining: boolean;
  readonly locationId: number;
  readonly locationCode: string;
  readonly locationName: string;
  readonly locationKind: string;
  readonly acId: number | null;
}

function unitQuery(db: Db) {
  return db
    .selectFrom('units as u')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
    .innerJoin('districts as d', 'd.id', 'u.districtId')
    .select([
      'u.districtId', 'd.stateId', 'u.serial', 'u.kind', 'u.maker', 'u.model', 'u.year', 'u.state',
      'u.previousState', 'u.hold', 'u.flcCycle', 'u.isTraining', 'u.locationId',
      'l.code as locationCode', 'l.name as locationName', 'l.kind as locationKind', 'l.acId',
    ]);
}

/** A unit by its printed serial, wherever it is. */
export async function findUnitBySerial(db: Db, serial: string): Promise<UnitRow | undefined> {
  return unitQuery(db).where('u.serial', '=', serial).executeTakeFirst();
}

/**
 * Units of one district, row-locked for a state change. Lock first, then read: a single
 * `select … join … for update of u` would, after waiting on a concurrent move, re-check the join
 * against the old location row and lose the unit (PostgreSQL EvalPlanQual).
 */
export async function lockUnits(tx: Transaction<DB>, districtId: number, serials: readonly string[]): Promise<UnitRow[]> {
  const locked = await tx
    .selectFrom('units')
    .select('serial')
    .where('districtId', '=', districtId)
    .where('serial', 'in', serials)
    .forUpdate()
    .execute();
  if (locked.length === 0) return [];
  return unitQuery(tx).where('u.districtId', '=', districtId).where('u.serial', 'in', serials).execute();
}

/** What a transition sets on a unit (lifecycle `applyTransition`). */
export interface UnitChange {
  readonly state: string;
  readonly previousState: string | null;
  readonly locationId: number;
  readonly hold: string;
  readonly flcCycle: number | null;
  readonly isTraining: boolean;
}

/** Guarded write: only rows still in `from` change (Shelf's TOCTOU guard). Returns rows changed. */
export async function updateUnits(
  tx: Transaction<DB>,
  target: { districtId: number; serials: readonly string[]; from: string; now: Date },
  change: UnitChange,
): Promise<number> {
  const result = await tx
    .updateTable('units')
    .set({ ...change, updatedAt: target.now, version: sql`version + 1` })
    .where('districtId', '=', target.districtId)
    .where('serial', 'in', target.serials)
    .where('state', '=', target.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface UnitListFilter {
  readonly districtId: number;
  readonly kind?: string;
  readonly state?: string;
  readonly locationId?: number;
  readonly acId?: number;
  readonly serialPrefix?: string;
  readonly after?: string;
  readonly limit: number;
}

/** Keyset page ordered by serial within a district. */
export async function listUnits(db: Db, filter: UnitListFilter): Promise<UnitRow[]> {
  let query = unitQuery(db).where('u.districtId', '=', filter.districtId);
  if (filter.kind) query = query.where('u.kind', '=', filter.kind);
  if (filter.state) query = query.where('u.state', '=', filter.state);
  if (filter.locationId !== undefined) query = query.where('u.locationId', '=', filter.locationId);
  if (filter.acId !== undefined) query = query.where('l.acId', '=', filter.acId);
  if (filter.serialPrefix) query = query.where('u.serial', 'like', `${escapeLike(filter.serialPrefix)}%`);
  if (filter.after) query = query.where('u.serial', '>', filter.after);
  return query.orderBy('u.serial').limit(filter.limit).execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface LocationRef {
  readonly id: number;
  readonly code: string;
  readonly kind: string;
  readonly acId: number | null;
}

export async function findLocation(db: Db, districtId: number, locationId: number): Promise<LocationRef | undefined> {
  return db
    .selectFrom('locations')
    .select(['id', 'code', 'kind', 'acId'])
    .where('districtId', '=', districtId)
    .where('id', '=', locationId)
    .executeTakeFirst();
}

export async function currentFlcCycle(db: Db): Promise<number> {
  const row = await db.selectFrom('elections').select(sql<number>`coalesce(max(flc_cycle), 1)`.as('cycle')).executeTakeFirst();
  return Number(row?.cycle ?? 1);
}

export async function countUnitsByKindAndState(
  db: Db,
  scope: { districtIds?: readonly number[]; acId?: number },
): Promise<Array<{ kind: string; state: string; count: number }>> {
  let query = db
    .selectFrom('units as u')
    .select(['u.kind', 'u.state', sql<number>`count(*)`.as('count')])
    .groupBy(['u.kind', 'u.state'])
    .orderBy('u.kind')
    .orderBy('u.state');
  if (scope.districtIds) query = query.where('u.districtId', 'in', scope.districtIds.length ? scope.districtIds : [-1]);
  if (scope.acId !== undefined) {
    query = query
      .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .where('l.acId', '=', scope.acId);
  }
  const rows = await query.execute();
  return rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.count) }));
}
