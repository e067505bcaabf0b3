import {
  can,
  err,
  ok,
  type Action,
  type DistrictId,
  type Jurisdiction,
  type Place,
  type Result,
  type Role,
  type WireErrorParams,
} from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';
import { failure, type Failure } from '../../failure.ts';
import { findAc, findDistrict } from '../districts/district.repository.ts';

/** Who is calling: the signed-in user as the domain sees them. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

export type PermissionFailure = Failure<'forbidden' | 'outside_jurisdiction'>;
export type ScopeFailure = PermissionFailure | Failure<'not_found' | 'invalid_input'>;

/** A district the call is about, with the AC it narrows to (always set for an AC user). */
export interface DistrictPlace extends Place {
  readonly districtId: DistrictId;
  readonly acId: number | null;
  readonly districtName: string;
}

/** The names a person knows for a place: 'Pune', 'AC 210 Kothrud'. */
export async function placeNames(db: Queryable, place: Place): Promise<WireErrorParams & { where: string }> {
  const district = await findDistrict(db, place.districtId);
  const ac = place.acId != null ? await findAc(db, place.acId) : undefined;
  const districtName = district?.name ?? `district ${place.districtId}`;
  if (!ac) return { districtName, where: `${districtName} district` };
  return { districtName, acNumber: ac.number, acName: ac.name, where: `AC ${ac.number} ${ac.name} (${districtName})` };
}

/** `can` in shared, with a refusal that names the role, the action and the place by name. */
export async function judge(
  db: Queryable,
  actor: Actor,
  action: Action,
  place?: Place,
  about: WireErrorParams = {},
): Promise<Result<true, PermissionFailure>> {
  const verdict = can(actor, action, place);
  if (verdict.ok) return ok(true);
  const subject = typeof about.serial === 'string' ? `Unit ${about.serial}: ` : '';
  const base = { ...about, role: actor.role, action };
  if (verdict.error.type === 'forbidden' || !place) {
    return err(failure('forbidden', `${subject}the ${actor.role} role may not do '${action}'`, base));
  }
  const { where, ...names } = await placeNames(db, place);
  return err(failure('outside_jurisdiction', `${subject}${actor.username} (${actor.role}) may not do '${action}' in ${where}`, { ...base, ...names }));
}

/**
 * The district a call names (`districtId`, else the user's own), narrowed to an AC (`acId`, and
 * always the user's own AC for an AC user), judged for `action`.
 */
export async function resolveDistrict(
  db: Queryable,
  actor: Actor,
  action: Action,
  input: { readonly districtId?: number | undefined; readonly acId?: number | undefined },
): Promise<Result<DistrictPlace, ScopeFailure>> {
  const own = actor.jurisdiction;
  const districtId = input.districtId ?? own.districtId;
  if (districtId === undefined) {
    return err(failure('invalid_input', `Choose a district: ${actor.username} works at ${own.level} level`, { role: actor.role }));
  }
  const district = await findDistrict(db, districtId);
  if (!district) return err(failure('not_found', `District ${districtId} not found`, { districtId }));
  const acId = input.acId ?? (own.level === 'ac' ? (own.acId ?? null) : null);
  if (input.acId !== undefined) {
    const ac = await findAc(db, input.acId);
    if (ac?.districtId !== district.id) {
      return err(failure('not_found', `AC ${input.acId} is not in ${district.name} district`, { districtName: district.name }));
    }
  }
  const place: DistrictPlace = { stateId: district.stateId, districtId: district.id, acId, districtName: district.name };
  const verdict = await judge(db, actor, action, place);
  return verdict.ok ? ok(place) : verdict;
}
