import type { UnitListSort } from '@evmtrail/shared';
import { sql, type RawBuilder } from 'kysely';

import type { Queryable } from '../../db/handle.ts';
import { toUnit, unitQuery, type Unit } from './unit.repository.ts';

export interface UnitListFilter {
  readonly districtId: number;
  readonly kind?: string;
  readonly state?: string;
  readonly locationId?: number;
  /** The AC the units belong to (allocated, else where they stand). */
  readonly acId?: number;
  readonly serialPrefix?: string;
}

/** Where the previous page ended: the sort key (as text) and the serial that breaks ties. */
export interface UnitListKey {
  readonly key: string;
  readonly serial: string;
}

export interface UnitListPage {
  readonly sort: UnitListSort;
  readonly dir: 'asc' | 'desc';
  readonly after?: UnitListKey;
  readonly limit: number;
}

/** The column each sort orders by, and how a key read back as text is cast to compare with it. */
function sortColumn(sort: UnitListSort): { expr: RawBuilder<unknown>; cast: (key: string) => RawBuilder<unknown> } {
  const text = (key: string) => sql`${key}`;
  switch (sort) {
    case 'serial': return { expr: sql`u.serial`, cast: text };
    case 'state': return { expr: sql`u.state`, cast: text };
    case 'kind': return { expr: sql`u.kind`, cast: text };
    case 'location': return { expr: sql`l.name`, cast: text };
    case 'updated': return { expr: sql`u.updated_at`, cast: (key) => sql`cast(${key} as timestamptz)` };
  }
}

function filtered(db: Queryable, filter: UnitListFilter) {
  let query = unitQuery(db).where('u.districtId', '=', filter.districtId);
  if (filter.kind) query = query.where('u.kind', '=', filter.kind);
  if (filter.state) query = query.where('u.state', '=', filter.state);
  if (filter.locationId !== undefined) query = query.where('u.locationId', '=', filter.locationId);
  if (filter.acId !== undefined) query = query.where(sql<boolean>`coalesce(u.ac_id, l.ac_id) = ${filter.acId}`);
  if (filter.serialPrefix) query = query.where('u.serial', 'like', `${escapeLike(filter.serialPrefix)}%`);
  return query;
}

/** One keyset page of a district's units, in the order asked for (serial breaks ties). */
export async function listUnits(db: Queryable, filter: UnitListFilter, page: UnitListPage): Promise<Array<{ unit: Unit; key: string }>> {
  const { expr, cast } = sortColumn(page.sort);
  let query = filtered(db, filter).select(sql<string>`(${expr})::text`.as('sortKey'));
  if (page.after) {
    const comparison = page.dir === 'asc' ? sql`>` : sql`<`;
    query = query.where(sql<boolean>`(${expr}, u.serial) ${comparison} (${cast(page.after.key)}, ${page.after.serial})`);
  }
  const direction = page.dir === 'asc' ? sql`asc` : sql`desc`;
  const rows = await query
    .orderBy(sql`${expr} ${direction}`)
    .orderBy(sql`u.serial ${direction}`)
    .limit(page.limit)
    .execute();
  return rows.map(({ sortKey, ...row }) => ({ unit: toUnit(row), key: sortKey }));
}

/** How many units the filter matches (the list's total). */
export async function countUnits(db: Queryable, filter: UnitListFilter): Promise<number> {
  const row = await filtered(db, filter).clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Units by kind and state over districts (all when undefined), optionally of one AC or at one location. */
export async function countUnitsByKindAndState(
  db: Queryable,
  scope: { districtIds?: readonly number[]; acId?: number; locationId?: number },
): Promise<Array<{ kind: string; state: string; count: number }>> {
  let query = db
    .selectFrom('units as u')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
    .select(['u.kind', 'u.state', sql<number>`count(*)`.as('count')])
    .groupBy(['u.kind', 'u.state'])
    .orderBy('u.kind')
    .orderBy('u.state');
  if (scope.districtIds) query = query.where('u.districtId', 'in', scope.districtIds.length ? scope.districtIds : [-1]);
  if (scope.acId !== undefined) query = query.where(sql<boolean>`coalesce(u.ac_id, l.ac_id) = ${scope.acId}`);
  if (scope.locationId !== undefined) query = query.where('u.locationId', '=', scope.locationId);
  const rows = await query.execute();
  return rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.count) }));
}
