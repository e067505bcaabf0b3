import {
  KEY_HOLDER_ROLES,
  checkSeals,
  err,
  isWithin,
  ok,
  sealsMatch,
  witnessLabel,
  type Jurisdiction,
  type JurisdictionLevel,
  type LogEntryDraft,
  type Result,
  type StrongroomCloseInput,
  type StrongroomKeyHoldersInput,
  type StrongroomOpenInput,
  type Witness,
} from '@evmtrail/shared';

import type { Db, Queryable, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { confirmPassword, type SignInLimiter } from '../auth/auth.service.ts';
import { judge, type Actor, type DistrictPlace } from '../authority/authority.service.ts';
import { appendEventEntries } from '../units/unit.service.ts';
import * as repo from './strongroom.repository.ts';

export type StrongroomError = Failure<
  | 'not_found' | 'invalid_input' | 'forbidden' | 'outside_jurisdiction' | 'conflict' | 'log_not_found' | 'log_unverified'
  | 'rate_limited' | 'address_rate_limited'
  | 'strongroom_open' | 'strongroom_not_open' | 'not_key_holder' | 'key_holder_password' | 'seal_mismatch'
>;

interface Call<I> {
  readonly actor: Actor;
  readonly place: DistrictPlace;
  readonly input: I;
  readonly now: Date;
}

/** Who a key-holder is, for sentences: 'Deputy District Election Officer, Pune (dydeo.pune)'. */
function named(person: repo.PersonRef): string {
  return `${person.displayName} (${person.username})`;
}

/**
 * The location as a strongroom of the judged district, judged for `action` where it stands (its
 * AC, else the district). Another district's location answers like an unknown one.
 */
export async function strongroomFor(
  db: Queryable,
  call: { actor: Actor; place: DistrictPlace; locationId: number; action: 'location.read' | 'location.manage' | 'strongroom.session' },
): Promise<Result<repo.StrongroomRow, StrongroomError>> {
  const { place } = call;
  const room = await repo.findStrongroom(db, place.districtId, call.locationId);
  if (!room) return err(failure('not_found', `Location ${call.locationId} not found in ${place.districtName} district`, { districtName: place.districtName }));
  const verdict = await judge(db, call.actor, call.action, { stateId: place.stateId, districtId: place.districtId, acId: room.acId }, { locationName: room.name });
  if (!verdict.ok) return verdict;
  if (room.kind !== 'strongroom') {
    return err(failure('invalid_input', `${room.name} (${room.code}) is not a strongroom`, { locationName: room.name }));
  }
  return ok(room);
}

function jurisdictionOf(user: repo.KeyHolder): Jurisdiction {
  return {
    level: user.jurisdictionLevel as JurisdictionLevel,
    ...(user.stateId !== null ? { stateId: user.stateId } : {}),
    ...(user.districtId !== null ? { districtId: user.districtId } : {}),
    ...(user.acId !== null ? { acId: user.acId } : {}),
  };
}

/** Why a user may not hold a key of this strongroom, or null when they may. */
function keyHolderProblem(user: repo.KeyHolder | undefined, room: repo.StrongroomRow, place: DistrictPlace, id: number): StrongroomError | null {
  const params = { locationName: room.name, strongroomName: room.name };
  if (!user?.active) return failure('not_found', `User ${id} not found`, params);
  const where = { stateId: place.stateId, districtId: room.districtId, acId: room.acId };
  if (!(KEY_HOLDER_ROLES as readonly string[]).includes(user.role) || !isWithin(jurisdictionOf(user), where)) {
    return failure('invalid_input', `${named(user)} (${user.role}) may not hold a key of ${room.name}: a key-holder is a DEO, Dy. DEO, RO or warehouse in-charge whose jurisdiction holds it`, { ...params, holderName: user.displayName, role: user.role });
  }
  return null;
}

/** Records (or replaces) the strongroom's two key-holders; one log entry says who they are now. */
export async function setKeyHolders(db: Db, call: Call<StrongroomKeyHoldersInput>): Promise<Result<{ logIndex: number }, StrongroomError>> {
  const { actor, place, input, now } = call;
  const found = await strongroomFor(db, { actor, place, locationId: input.locationId, action: 'location.manage' });
  if (!found.ok) return found;
  const room = found.value;
  if (input.firstKeyHolderId === input.secondKeyHolderId) {
    return err(failure('invalid_input', `The two key-holders of ${room.name} must be two different people`, { locationName: room.name }));
  }
  const [first, second] = await Promise.all([repo.findUser(db, input.firstKeyHolderId), repo.findUser(db, input.secondKeyHolderId)]);
  const problem = keyHolderProblem(first, room, place, input.firstKeyHolderId) ?? keyHolderProblem(second, room, place, input.secondKeyHolderId);
  if (problem || !first || !second) return err(problem ?? failure('not_found', 'Key-holder not found'));
  return inTransaction(db, async (tx) => {
    await repo.lockStrongroom(tx, place.districtId, room.id);
    await repo.saveKeyHolders(tx, { districtId: place.districtId, locationId: room.id, firstHolderId: first.id, secondHolderId: second.id, updatedAt: now, updatedBy: actor.userId });
    const draft: LogEntryDraft = {
      type: 'STRONGROOM_KEYS', units: [], from: room.code, to: room.code, actor: actor.username,
      reason: `Key-holders of ${room.name}: ${named(first)} and ${named(second)}`, at: now,
    };
    const [logIndex] = await appendEventEntries(tx, place.districtId, [draft], now);
    return { logIndex: logIndex ?? -1 };
  });
}

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, StrongroomError>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as StrongroomError);
    throw error;
  }
}

/** The actor and the other key-holder named in the call, when they are the strongroom's two. */
async function keyHoldersPresent(db: Queryable, actor: Actor, room: repo.StrongroomRow, otherId: number): Promise<Result<{ actor: repo.KeyHolder; other: repo.KeyHolder }, StrongroomError>> {
  const holders = await repo.findKeyHolders(db, room.districtId, room.id);
  const params = { locationName: room.name, strongroomName: room.name };
  if (!holders) {
    return err(failure('not_key_holder', `${room.name} has no key-holders recorded; the DEO records them first`, { ...params, holderName: actor.username }));
  }
  const mine = holders.find((h) => h.id === actor.userId);
  const other = holders.find((h) => h.id === otherId && h.id !== actor.userId);
  const keyHolders = holders.map(named).join(' and ');
  if (!mine) {
    return err(failure('not_key_holder', `${actor.username} does not hold a key of ${room.name}; its key-holders are ${keyHolders}`, { ...params, holderName: actor.username, keyHolders }));
  }
  if (!other) {
    const who = (await repo.findUser(db, otherId))?.displayName ?? `user ${otherId}`;
    return err(failure('not_key_holder', `${who} does not hold the other key of ${room.name}; its key-holders are ${keyHolders}`, { ...params, holderName: who, keyHolders }));
  }
  return ok({ actor: mine, other });
}

export interface OpenCall extends Call<StrongroomOpenInput> {
  readonly limiter: SignInLimiter;
  readonly address: string;
}

/**
 * Opens a sealed strongroom: the signed-in user holds one key, the other key-holder confirms with
 * their password in the same call, the witnesses present are recorded and the seals broken are
 * checked against those applied at the last close (a difference needs a note). The session row,
 * the `sealed` flag and the STRONGROOM_OPEN log entry are one transaction.
 */
export async function openStrongroom(db: Db, call: OpenCall): Promise<Result<{ sessionId: number; logIndex: number }, StrongroomError>> {
  const { actor, place, input } = call;
  const found = await strongroomFor(db, { actor, place, locationId: input.locationId, action: 'strongroom.session' });
  if (!found.ok) return found;
  const room = found.value;
  const present = await keyHoldersPresent(db, actor, room, input.secondKeyHolderId);
  if (!present.ok) return present;
  const { other } = present.value;
  // The slow password check runs before the transaction, so no lock waits on argon2.
  const confirmed = await confirmPassword(call.limiter, {
    username: other.username, passwordHash: await repo.passwordHashOf(db, other.id), password: input.secondKeyHolderPassword, address: call.address,
  });
  if (!confirmed.ok) {
    if (confirmed.error.type !== 'bad_credentials') return err(failure(confirmed.error.type, confirmed.error.message, confirmed.error.params));
    return err(failure('key_holder_password', `Wrong password for ${named(other)}, the second key-holder of ${room.name}; nothing was opened`, { locationName: room.name, strongroomName: room.name, holderName: other.displayName }));
  }
  return inTransaction(db, (tx) => openInTransaction(tx, { call, room, actorHolder: present.value.actor, other }));
}

async function openInTransaction(
  tx: Tx,
  p: { call: OpenCall; room: repo.StrongroomRow; actorHolder: repo.KeyHolder; other: repo.KeyHolder },
): Promise<{ sessionId: number; logIndex: number }> {
  const { call, room, other } = p;
  const { input, now, actor } = call;
  const districtId = call.place.districtId;
  await repo.lockStrongroom(tx, districtId, room.id);
  const params = { locationName: room.name, strongroomName: room.name };
  const open = await repo.findOpenSession(tx, districtId, room.id);
  if (open) {
    throw new Rollback(failure('strongroom_open', `${room.name} is already open (session ${open.id}, opened by ${named(open.openedBy)})`, { ...params, session: open.id }));
  }
  const last = await repo.lastClosedSession(tx, districtId, room.id);
  const check = checkSeals(last?.sealsApplied ?? [], input.sealsBroken);
  if (!sealsMatch(check) && !input.sealNote) {
    const expected = (last?.sealsApplied ?? []).join(', ') || 'none';
    throw new Rollback(failure('seal_mismatch', `The seals broken at ${room.name} (${input.sealsBroken.join(', ') || 'none'}) differ from those applied at its last close (${expected}); explain the difference in a note`, { ...params, expected, given: input.sealsBroken.join(', ') || '—' }));
  }
  const sessionId = await repo.nextSessionId(tx);
  const mismatch = sealsMatch(check) ? '' : `; seals differ from the last close (missing: ${check.missing.join(', ') || 'none'}; unexpected: ${check.unexpected.join(', ') || 'none'}): ${input.sealNote ?? ''}`;
  const draft: LogEntryDraft = {
    type: 'STRONGROOM_OPEN', units: [], from: room.code, to: room.code, actor: actor.username,
    witnesses: input.witnesses.map(witnessLabel), seals: input.sealsBroken,
    reason: `Strongroom session ${sessionId} opened by ${named(p.actorHolder)} and ${named(other)}, the key-holders${mismatch}`, at: now,
  };
  const [logIndex] = await appendEventEntries(tx, districtId, [draft], now);
  if (logIndex === undefined) throw new Error('unreachable: no log index');
  await repo.insertSession(tx, {
    districtId, id: sessionId, locationId: room.id, openedAt: now, openedBy: actor.userId, secondKeyHolderId: other.id,
    sealsBroken: input.sealsBroken, sealNote: input.sealNote ?? null, witnesses: input.witnesses, openLogIdx: logIndex,
  });
  await repo.setSealed(tx, districtId, room.id, false);
  return { sessionId, logIndex };
}

/**
 * Closes the strongroom's open session with the seals applied (at least one): a key-holder
 * closes it, in front of the witnesses (the opening's, unless others are named).
 */
export async function closeStrongroom(db: Db, call: Call<StrongroomCloseInput>): Promise<Result<{ sessionId: number; logIndex: number }, StrongroomError>> {
  const { actor, place, input, now } = call;
  const found = await strongroomFor(db, { actor, place, locationId: input.locationId, action: 'strongroom.session' });
  if (!found.ok) return found;
  const room = found.value;
  const holders = await repo.findKeyHolders(db, place.districtId, room.id);
  if (!holders?.some((h) => h.id === actor.userId)) {
    const keyHolders = holders?.map(named).join(' and ') ?? 'none recorded';
    return err(failure('not_key_holder', `${actor.username} does not hold a key of ${room.name}; its key-holders are ${keyHolders}`, { locationName: room.name, strongroomName: room.name, holderName: actor.username, keyHolders }));
  }
  return inTransaction(db, async (tx) => {
    await repo.lockStrongroom(tx, place.districtId, room.id);
    const open = await repo.findOpenSession(tx, place.districtId, room.id);
    if (!open) throw new Rollback(failure('strongroom_not_open', `${room.name} is not open: there is no session to close`, { locationName: room.name, strongroomName: room.name }));
    const witnesses: readonly Witness[] = input.witnesses && input.witnesses.length > 0 ? input.witnesses : open.witnesses;
    const draft: LogEntryDraft = {
      type: 'STRONGROOM_CLOSE', units: [], from: room.code, to: room.code, actor: actor.username,
      witnesses: witnesses.map(witnessLabel), seals: input.sealsApplied,
      reason: `Strongroom session ${open.id} closed and sealed by ${actor.username}`, at: now,
    };
    const [logIndex] = await appendEventEntries(tx, place.districtId, [draft], now);
    if (logIndex === undefined) throw new Error('unreachable: no log index');
    const changed = await repo.closeSession(tx, { districtId: place.districtId, id: open.id, closedAt: now, closedBy: actor.userId, sealsApplied: input.sealsApplied, closeWitnesses: witnesses, closeLogIdx: logIndex });
    if (changed !== 1) throw new Rollback(failure('conflict', `Session ${open.id} of ${room.name} changed while it was being closed; try again`, { locationName: room.name }));
    await repo.setSealed(tx, place.districtId, room.id, true);
    return { sessionId: open.id, logIndex };
  });
}
