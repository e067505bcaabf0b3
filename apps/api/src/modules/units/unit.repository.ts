import type { DistrictId, LocationId } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';
import { anyOf } from '../../db/arrays.ts';

/** A unit as the services see it: where it is, and the AC it belongs to (allocated, else where it is). */
export interface Unit {
  readonly districtId: DistrictId;
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
  readonly updatedAt: Date;
  readonly locationId: LocationId;
  readonly locationCode: string;
  readonly locationName: string;
  readonly locationKind: string;
  /** The AC of allocation, kept at district-level places; null when never allocated. */
  readonly allocatedAcId: number | null;
  /** The AC the unit belongs to now: its allocation, else the AC of where it stands. */
  readonly acId: number | null;
  readonly acNumber: number | null;
  readonly acName: string | null;
}

const effectiveAc = sql<number | null>`coalesce(u.ac_id, l.ac_id)`;

/** Units with their location and AC; the base of every unit read (lists in unit-list.repository.ts). */
export function unitQuery(db: Queryable) {
  return db
    .selectFrom('units as u')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
    .innerJoin('districts as d', 'd.id', 'u.districtId')
    .leftJoin('acs as a', (j) => j.on(sql<boolean>`a.id = coalesce(u.ac_id, l.ac_id)`))
    .select([
      'u.districtId', 'd.stateId', 'u.serial', 'u.kind', 'u.maker', 'u.model', 'u.year', 'u.state',
      'u.previousState', 'u.hold', 'u.flcCycle', 'u.isTraining', 'u.updatedAt', 'u.locationId',
      'l.code as locationCode', 'l.name as locationName', 'l.kind as locationKind', 'u.acId as allocatedAcId',
      effectiveAc.as('acId'), 'a.number as acNumber', 'a.name as acName',
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

export function toUnit(row: UnitRow): Unit {
  return { ...row, districtId: row.districtId as DistrictId, locationId: row.locationId as LocationId, updatedAt: new Date(row.updatedAt) };
}

/** The district a serial is held in, if any (no judgement: callers judge on the rows they read). */
export async function findUnitDistrict(db: Queryable, serial: string): Promise<DistrictId | undefined> {
  const row = await db.selectFrom('units').select('districtId').where('serial', '=', serial).executeTakeFirst();
  return row ? (row.districtId as DistrictId) : undefined;
}

/** A unit by its printed serial, wherever it is. */
export async function findUnitBySerial(db: Queryable, serial: string): Promise<Unit | undefined> {
  const row = await unitQuery(db).where('u.serial', '=', serial).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

/**
 * Units of one district, row-locked for a state change. Lock first, then read: a single
 * `select … join … for update of u` would, after waiting on a concurrent move, re-check the join
 * against the old location row and lose the unit (PostgreSQL EvalPlanQual).
 */
export async function lockUnits(tx: Tx, districtId: number, serials: readonly string[]): Promise<Unit[]> {
  const locked = await tx
    .selectFrom('units')
    .select('serial')
    .where('districtId', '=', districtId)
    .where('serial', '=', anyOf(serials, 'text'))
    .forUpdate()
    .execute();
  if (locked.length === 0) return [];
  const rows = await unitQuery(tx).where('u.districtId', '=', districtId).where('u.serial', '=', anyOf(serials, 'text')).execute();
  return rows.map(toUnit);
}

/** What a transition sets on a unit (lifecycle `applyTransition`, and the AC it now belongs to). */
export interface UnitChange {
  readonly state: string;
  readonly previousState: string | null;
  readonly locationId: number;
  readonly hold: string;
  readonly flcCycle: number | null;
  readonly isTraining: boolean;
  readonly acId: number | null;
}

/** Guarded write: only rows still in `from` change (Shelf's TOCTOU guard). Returns rows changed. */
export async function updateUnits(
  tx: Tx,
  target: { districtId: number; serials: readonly string[]; from: string; now: Date },
  change: UnitChange,
): Promise<number> {
  const result = await tx
    .updateTable('units')
    .set({ ...change, updatedAt: target.now, version: sql`version + 1` })
    .where('districtId', '=', target.districtId)
    .where('serial', '=', anyOf(target.serials, 'text'))
    .where('state', '=', target.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface LocationRef {
  readonly id: LocationId;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly acId: number | null;
}

export async function findLocation(db: Queryable, districtId: number, locationId: number): Promise<LocationRef | undefined> {
  const row = await db
    .selectFrom('locations')
    .select(['id', 'code', 'name', 'kind', 'acId'])
    .where('districtId', '=', districtId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  return row ? { ...row, id: row.id as LocationId } : undefined;
}

export async function currentFlcCycle(db: Queryable): Promise<number> {
  const row = await db.selectFrom('elections').select(sql<number>`coalesce(max(flc_cycle), 1)`.as('cycle')).executeTakeFirst();
  return Number(row?.cycle ?? 1);
}

