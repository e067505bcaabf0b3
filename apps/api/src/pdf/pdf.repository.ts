import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';

/** What a PDF says about where something is: the place names a person knows. */
export interface PlaceNames {
  readonly stateId: number;
  readonly districtId: number;
  readonly districtName: string;
  readonly districtNameHi: string | null;
  readonly acId: number | null;
  readonly acNumber: number | null;
  readonly acName: string | null;
  readonly acNameHi: string | null;
}

export interface PdfUnit extends PlaceNames {
  readonly serial: string;
  readonly kind: string;
  readonly maker: string;
  readonly model: string;
  readonly year: number;
  readonly state: string;
  readonly locationCode: string;
  readonly locationName: string;
  readonly locationNameHi: string | null;
}

export interface PdfLocation extends PlaceNames {
  readonly id: number;
  readonly code: string;
  readonly kind: string;
  readonly name: string;
  readonly nameHi: string | null;
}

export interface StockUnit {
  readonly serial: string;
  readonly kind: string;
  readonly maker: string;
  readonly model: string;
  readonly year: number;
  readonly state: string;
}

/** A unit by its printed serial with its location, district and AC names. */
export async function findUnitForPdf(db: Kysely<DB>, serial: string): Promise<PdfUnit | undefined> {
  return db
    .selectFrom('units as u')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
    .innerJoin('districts as d', 'd.id', 'u.districtId')
    .leftJoin('acs as a', 'a.id', 'l.acId')
    .select([
      'u.serial', 'u.kind', 'u.maker', 'u.model', 'u.year', 'u.state', 'u.districtId', 'd.stateId',
      'd.name as districtName', 'd.nameHi as districtNameHi', 'l.acId', 'a.number as acNumber', 'a.name as acName',
      'a.nameHi as acNameHi', 'l.code as locationCode', 'l.name as locationName', 'l.nameHi as locationNameHi',
    ])
    .where('u.serial', '=', serial)
    .executeTakeFirst();
}

/** A location of a district with its district and AC names. */
export async function findLocationForPdf(db: Kysely<DB>, districtId: number, locationId: number): Promise<PdfLocation | undefined> {
  return db
    .selectFrom('locations as l')
    .innerJoin('districts as d', 'd.id', 'l.districtId')
    .leftJoin('acs as a', 'a.id', 'l.acId')
    .select([
      'l.id', 'l.code', 'l.kind', 'l.name', 'l.nameHi', 'l.districtId', 'd.stateId', 'd.name as districtName',
      'd.nameHi as districtNameHi', 'l.acId', 'a.number as acNumber', 'a.name as acName', 'a.nameHi as acNameHi',
    ])
    .where('l.districtId', '=', districtId)
    .where('l.id', '=', locationId)
    .executeTakeFirst();
}

/** The units at a location now, by kind then serial. */
export async function listStock(db: Kysely<DB>, districtId: number, locationId: number): Promise<StockUnit[]> {
  return db
    .selectFrom('units')
    .select(['serial', 'kind', 'maker', 'model', 'year', 'state'])
    .where('districtId', '=', districtId)
    .where('locationId', '=', locationId)
    .orderBy('kind')
    .orderBy('serial')
    .execute();
}

export interface LocationName {
  readonly districtId: number;
  readonly code: string;
  readonly name: string;
  readonly nameHi: string | null;
}

/** Names of the locations with these codes, in any district (a code is unique within its district). */
export async function findLocationNames(db: Kysely<DB>, codes: readonly string[]): Promise<LocationName[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('locations').select(['districtId', 'code', 'name', 'nameHi']).where('code', 'in', [...codes]).execute();
}

/** The location and every place inside it (rooms, racks, trunks: `parent_id`), by code. */
export async function findLocationTree(db: Kysely<DB>, districtId: number, rootId: number): Promise<PdfLocation[]> {
  const links = await db.selectFrom('locations').select(['id', 'parentId']).where('districtId', '=', districtId).where('parentId', 'is not', null).execute();
  const ids = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const l of links) {
      if (l.parentId !== null && ids.has(l.parentId) && !ids.has(l.id)) {
        ids.add(l.id);
        grew = true;
      }
    }
  }
  return db
    .selectFrom('locations as l')
    .innerJoin('districts as d', 'd.id', 'l.districtId')
    .leftJoin('acs as a', 'a.id', 'l.acId')
    .select([
      'l.id', 'l.code', 'l.kind', 'l.name', 'l.nameHi', 'l.districtId', 'd.stateId', 'd.name as districtName',
      'd.nameHi as districtNameHi', 'l.acId', 'a.number as acNumber', 'a.name as acName', 'a.nameHi as acNameHi',
    ])
    .where('l.districtId', '=', districtId)
    .where('l.id', 'in', [...ids])
    .orderBy('l.code')
    .execute();
}
