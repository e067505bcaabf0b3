import { ok, parseEntry, type Result } from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';
import type { Actor, DistrictPlace } from '../authority/authority.service.ts';
import * as repo from './strongroom.repository.ts';
import { strongroomFor, type StrongroomError } from './strongroom.service.ts';

/** Sessions and log entries a logbook shows, newest first. */
export const LOGBOOK_SESSIONS = 100;
export const LOGBOOK_ENTRIES = 200;

/** A session as the wire carries it: times as ISO strings (no transformer on the wire). */
export type SessionView = Omit<repo.StrongroomSession, 'openedAt' | 'closedAt'> & { readonly openedAt: string; readonly closedAt: string | null };

function toView(session: repo.StrongroomSession): SessionView {
  return { ...session, openedAt: session.openedAt.toISOString(), closedAt: session.closedAt?.toISOString() ?? null };
}

export interface StrongroomStatus {
  readonly strongroom: repo.StrongroomRow;
  /** Open: a session is open now; sealed otherwise. */
  readonly open: boolean;
  readonly keyHolders: readonly repo.PersonRef[];
  readonly openSession: SessionView | null;
  /** The last closed session: its seals are the ones an opening must find and break. */
  readonly lastClosed: SessionView | null;
}

function person(user: repo.PersonRef): repo.PersonRef {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
}

/** A strongroom's state now: open or sealed, its key-holders, the open and the last closed session. */
export async function strongroomStatus(db: Queryable, actor: Actor, place: DistrictPlace, locationId: number): Promise<Result<StrongroomStatus, StrongroomError>> {
  const found = await strongroomFor(db, { actor, place, locationId, action: 'location.read' });
  if (!found.ok) return found;
  const room = found.value;
  const [holders, openSession, lastClosed] = await Promise.all([
    repo.findKeyHolders(db, place.districtId, room.id),
    repo.findOpenSession(db, place.districtId, room.id),
    repo.lastClosedSession(db, place.districtId, room.id),
  ]);
  return ok({
    strongroom: room, open: openSession !== undefined, keyHolders: (holders ?? []).map(person),
    openSession: openSession ? toView(openSession) : null, lastClosed: lastClosed ? toView(lastClosed) : null,
  });
}

export interface LogbookLine {
  readonly index: number;
  readonly ts: string;
  readonly type: string;
  readonly event: string | null;
  readonly actor: string;
  readonly from: string;
  readonly to: string;
  readonly units: readonly string[];
  readonly seals: readonly string[];
  readonly witnesses: readonly string[];
  readonly reason: string | null;
}

export interface Logbook {
  readonly strongroom: repo.StrongroomRow;
  readonly sessions: readonly SessionView[];
  readonly entries: readonly LogbookLine[];
}

/**
 * The logbook of a location: its strongroom sessions (none for other kinds) and the custody-log
 * entries whose `from` or `to` is the location, newest first.
 */
export async function locationLogbook(db: Queryable, actor: Actor, place: DistrictPlace, locationId: number): Promise<Result<Logbook, StrongroomError>> {
  const found = await strongroomFor(db, { actor, place, locationId, action: 'location.read' });
  if (!found.ok && found.error.type !== 'invalid_input') return found;
  const room = found.ok ? found.value : await repo.findStrongroom(db, place.districtId, locationId);
  if (!room) throw new Error(`Location ${locationId} vanished while being read`);
  const [sessions, rows] = await Promise.all([
    room.kind === 'strongroom' ? repo.listSessions(db, place.districtId, room.id, LOGBOOK_SESSIONS) : Promise.resolve([]),
    repo.entriesTouching(db, place.districtId, room.code, LOGBOOK_ENTRIES),
  ]);
  return ok({ strongroom: room, sessions: sessions.map(toView), entries: rows.flatMap(toLine) });
}

function toLine(row: repo.LogbookEntry): LogbookLine[] {
  const parsed = parseEntry(row.entry);
  if (!parsed.ok) return [];
  const e = parsed.value;
  return [{
    index: row.idx, ts: e.ts, type: e.type, event: e.event ?? null, actor: e.actor, from: e.from, to: e.to,
    units: e.units, seals: e.seals, witnesses: e.witnesses, reason: e.reason ?? null,
  }];
}
