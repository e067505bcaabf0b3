import { governingPlaces, type Place } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';

import type { DB } from './db/database.ts';
import { findDistrict } from './modules/districts/district.repository.ts';
import { findLocation, findUnitBySerial } from './modules/units/unit.repository.ts';
import type { Actor } from './modules/units/unit.service.ts';

/**
 * How a procedure's input names the place it touches:
 * - 'district': `input.districtId`, else the user's own district (AC users: their AC);
 * - 'unit': `input.serial`, the unit's district and the AC of where it is;
 * - 'jurisdiction': the whole of the user's jurisdiction unless `input.districtId` narrows it.
 */
export type Scope = 'district' | 'unit' | 'jurisdiction';

interface ScopedInput {
  readonly districtId?: number;
  readonly serial?: string;
  readonly acId?: number;
  readonly toLocationId?: number;
}

function asScoped(input: unknown): ScopedInput {
  return typeof input === 'object' && input !== null ? input : {};
}

async function districtPlace(db: Kysely<DB>, districtId: number, acId?: number | null): Promise<Place> {
  const district = await findDistrict(db, districtId);
  if (!district) throw new TRPCError({ code: 'NOT_FOUND', message: `District ${districtId} not found` });
  return { stateId: district.stateId, districtId: district.id, acId: acId ?? null };
}

/** Every place a change to the unit touches (shared `governingPlaces`): where it is, and where it goes. */
async function unitPlaces(db: Kysely<DB>, serial: string, toLocationId?: number): Promise<Place[]> {
  const unit = await findUnitBySerial(db, serial);
  if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: `Unit ${serial} not found` });
  const current = { stateId: unit.stateId, districtId: unit.districtId, acId: unit.acId };
  if (toLocationId === undefined) return [current];
  const target = await findLocation(db, unit.districtId, toLocationId);
  return governingPlaces(current, target ? { ...current, acId: target.acId } : null);
}

/** The places a call touches; the actor must be inside each. An empty list: the whole jurisdiction. */
export async function resolveScope(db: Kysely<DB>, scope: Scope, rawInput: unknown, actor: Actor): Promise<Place[]> {
  const input = asScoped(rawInput);
  const own = actor.jurisdiction;
  switch (scope) {
    case 'unit':
      if (!input.serial) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A unit serial is required' });
      return unitPlaces(db, input.serial, input.toLocationId);
    case 'district': {
      const districtId = input.districtId ?? own.districtId;
      if (districtId === undefined) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Choose a district: ${actor.username} works at ${own.level} level` });
      }
      return [await districtPlace(db, districtId, input.acId ?? (own.level === 'ac' ? own.acId : null))];
    }
    case 'jurisdiction':
      return input.districtId === undefined ? [] : [await districtPlace(db, input.districtId, own.level === 'ac' ? own.acId : null)];
  }
}
