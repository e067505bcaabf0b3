import type { DB } from '@evmtrail/api/db';
import {
  closeStrongroom, createSignInLimiter, openStrongroom, setKeyHolders, type Actor, type DistrictPlace,
} from '@evmtrail/api/services';
import type { LocationId } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { LocationRow, UserRow } from './types.ts';

/**
 * The demo district's strongrooms under double lock: each gets its two key-holders (the DEO and
 * the Dy. DEO for the district strongroom and the ACs without an RO login, the RO and the DEO for
 * the RO's AC: eci-brief §2.3 names both pairs), and the district strongroom is opened once in
 * front of party agents and closed under fresh seals, all through the api's strongroom service.
 */
export interface DemoStrongroomInput {
  readonly place: DistrictPlace;
  readonly strongrooms: readonly LocationRow[];
  readonly locationId: (code: string) => number;
  readonly actors: { readonly deo: Actor; readonly dyDeo: Actor; readonly ro: Actor };
  /** The RO's AC number; its strongrooms are keyed by the RO and the DEO. */
  readonly roAcNumber: number;
  readonly users: ReadonlyMap<string, UserRow>;
  readonly at: Date;
}

const MINUTE_MS = 60 * 1000;

/** The seals the demo leaves on the district strongroom; an opening must find and break these. */
export function demoStrongroomSeals(tag: string): string[] {
  return [`DSR-${tag}-0001`, `DSR-${tag}-0002`];
}

const WITNESSES = [
  { name: 'Sunita Deshmukh', party: 'Indian National Congress', idCard: 'MH/PA/2026/0117' },
  { name: 'Rahul Kulkarni', party: 'Bharatiya Janata Party', idCard: 'MH/PA/2026/0342' },
] as const;

function fail(what: string, error: { type: string; message: string }): never {
  throw new Error(`Seeding ${what} failed: ${error.type}: ${error.message}`);
}

/** Returns the number of log entries written. */
export async function seedStrongrooms(db: Kysely<DB>, input: DemoStrongroomInput): Promise<number> {
  const { place, actors } = input;
  let step = 0;
  const next = () => new Date(input.at.getTime() + step++ * MINUTE_MS);
  for (const room of input.strongrooms) {
    const [first, second] = room.acNumber === input.roAcNumber ? [actors.ro, actors.deo] : [actors.deo, actors.dyDeo];
    const result = await setKeyHolders(db, {
      actor: actors.deo, place, now: next(),
      input: { districtId: place.districtId, locationId: input.locationId(room.code) as LocationId, firstKeyHolderId: first.userId, secondKeyHolderId: second.userId },
    });
    if (!result.ok) fail(`the key-holders of ${room.code}`, result.error);
  }
  const district = input.strongrooms.find((r) => r.strongroomType === 'district_warehouse');
  if (!district) return step;
  const ref = { districtId: place.districtId, locationId: input.locationId(district.code) as LocationId };
  const dyDeo = input.users.get(actors.dyDeo.username);
  if (!dyDeo) throw new Error(`No demo user ${actors.dyDeo.username}`);
  const opened = await openStrongroom(db, {
    actor: actors.deo, place, now: next(), limiter: createSignInLimiter(), address: 'seed',
    input: { ...ref, secondKeyHolderId: actors.dyDeo.userId, secondKeyHolderPassword: dyDeo.password, witnesses: [...WITNESSES], sealsBroken: [] },
  });
  if (!opened.ok) fail(`the opening of ${district.code}`, opened.error);
  step += 44; // the inspection takes three quarters of an hour
  const tag = district.code.replace(/^SR-/, '').replace(/-DIST$/, '');
  const closed = await closeStrongroom(db, { actor: actors.deo, place, now: next(), input: { ...ref, sealsApplied: demoStrongroomSeals(tag) } });
  if (!closed.ok) fail(`the closing of ${district.code}`, closed.error);
  return input.strongrooms.length + 2;
}
