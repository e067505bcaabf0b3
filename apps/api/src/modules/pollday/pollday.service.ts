/**
 * Poll day at a polling station (issue 10 item 5, eci-brief §7, §12.2 rows 15-19). The presiding
 * officer records the mock poll certificate (pass_mock_poll on the set's members), starts the poll
 * (start_poll) and closes it with Form 17C Part I's unit serials and seals (close_poll); the sector
 * officer replaces failed units from the reserve they carry for the station, by the one rule in
 * shared (replacementRule). Each step is one transaction: its record, the unit events with their
 * custody-log entries and, for a replacement, the set's new version (the sets module's members).
 */
import {
  ElectionRulesSchema, err, ok, replacementRule, stationStatus,
  type AcPollView, type PollMemberView, type PollPhase, type Result, type StationPollView, type UnitKind, type UnitState,
} from '@evmtrail/shared';

import type { Db, Queryable, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import * as sets from '../sets/sets.repository.ts';
import { applyUnitEventsInTx } from '../units/unit-batch.service.ts';
import { findUnitBySerial } from '../units/unit.repository.ts';
import { appendEventEntries, type UnitEventInput } from '../units/unit.service.ts';
import * as repo from './pollday.repository.ts';

const acLabel = (ac: sets.AcRow) => `AC ${ac.number} ${ac.name}`;
const psLabel = (s: { number: number; name: string }) => `PS ${s.number} ${s.name}`;

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, Failure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

interface Station {
  station: sets.StationRow;
  ac: sets.AcRow;
  set: sets.SetRow;
  members: { serial: string; kind: UnitKind; state: UnitState }[];
  about: { acNumber: number; acName: string; stationNumber: number; stationName: string; setCode: string };
}

/** The station, its AC and its issued set with the current members, the set locked; judged for `action`. */
async function stationFor(tx: Tx, p: { actor: Actor; districtId: number; stationId: number }, action: 'poll.preside' | 'poll.replace'): Promise<Station> {
  const found = await sets.findStation(tx, p.districtId, p.stationId);
  const ac = found?.acId == null ? undefined : await sets.findAc(tx, p.districtId, found.acId);
  if (!found || !ac) throw new Rollback(failure('not_found', `Polling station ${p.stationId} not found in this district`, { stationId: p.stationId }));
  const station = { id: found.id, number: found.number, name: found.name, code: found.code };
  const verdict = await judge(tx, p.actor, action, { stateId: ac.stateId, districtId: ac.districtId, acId: ac.id }, { acNumber: ac.number, acName: ac.name, stationNumber: station.number, stationName: station.name });
  if (!verdict.ok) throw new Rollback(verdict.error);
  const row = await sets.findSetByStation(tx, p.districtId, station.id);
  const set = row ? await sets.findSet(tx, p.districtId, row.id, true) : undefined;
  const about = { acNumber: ac.number, acName: ac.name, stationNumber: station.number, stationName: station.name, setCode: set?.code ?? '' };
  if (!set || set.status !== 'issued') {
    throw new Rollback(failure('poll_step', `${psLabel(station)} of ${acLabel(ac)} has no set issued to its polling party${set ? ` (set ${set.code} is ${set.status})` : ''}`, { ...about, step: 'issued' }));
  }
  const current = (await sets.listMembers(tx, p.districtId, [set.id])).filter((m) => m.toVersion === null);
  const units = await sets.unitsBySerial(tx, p.districtId, current.map((m) => m.serial));
  const members = current.map((m) => ({ serial: m.serial, kind: m.kind, state: units.get(m.serial)?.state ?? 'assigned_ps' }));
  return { station, ac, set, members, about };
}

/** The phase a replacement is judged in: the poll is on once any member is in it. */
export function phaseOf(states: readonly UnitState[]): PollPhase | null {
  if (states.length === 0) return null;
  if (states.some((s) => s === 'in_poll')) return 'in_poll';
  if (states.every((s) => s === 'issued_to_polling_party' || s === 'mock_poll_ok')) return 'mock_poll';
  return null;
}

const MOCK_ORDER: Record<UnitKind, number> = { CU: 0, BU: 1, VVPAT: 2 };
const byKind = <T extends { kind: UnitKind; serial: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => MOCK_ORDER[a.kind] - MOCK_ORDER[b.kind] || a.serial.localeCompare(b.serial));

/** Events of `event` on `serials`, one per group standing together (state and place), as the unit service wants them. */
async function events(tx: Tx, p: { actor: Actor; districtId: number; now: Date }, serials: readonly string[], event: UnitEventInput['event'], extra: { reason: string; seals?: readonly string[]; toLocationId?: number }): Promise<UnitEventInput[]> {
  const groups = new Map<string, string[]>();
  for (const serial of serials) {
    const unit = await findUnitBySerial(tx, serial);
    const key = unit ? `${unit.state}/${unit.locationId}` : `missing/${serial}`;
    groups.set(key, [...(groups.get(key) ?? []), serial]);
  }
  return [...groups.values()].map((group) => ({ actor: p.actor, districtId: p.districtId, serials: group, event, reason: extra.reason, now: p.now,
    ...(extra.seals ? { seals: extra.seals } : {}), ...(extra.toLocationId !== undefined ? { toLocationId: extra.toLocationId } : {}) }));
}

/**
 * The presiding officer's mock poll certificate: at least the election's least number of votes,
 * the agents present by name and party or, when none came, the minutes waited; the seals put on.
 * pass_mock_poll on every member still waiting for it (all of them, or the replacements after a
 * failure), at the station, in one transaction with the record.
 */
export async function recordMockPoll(db: Db, p: { actor: Actor; districtId: number; stationId: number; votes: number; agents: readonly { name: string; party: string }[]; waitedMinutes?: number | undefined; seals: readonly string[]; at?: string | undefined; now: Date }): Promise<Result<StationPollView, Failure>> {
  return inTransaction(db, async (tx) => {
    const s = await stationFor(tx, p, 'poll.preside');
    const rules = ElectionRulesSchema.parse(await sets.currentRules(tx) ?? {});
    const min = rules.psMockpollMinVotes;
    const noAgents = p.agents.length === 0 && p.waitedMinutes === undefined;
    if (p.votes < min || noAgents) {
      throw new Rollback(failure('mock_poll_certificate',
        `Mock poll of ${psLabel(s.station)}: ${p.votes < min ? `at least ${min} votes are cast (${p.votes} recorded)` : 'record the polling agents present (name and party), or the minutes waited when none came'}`,
        { ...s.about, votes: p.votes, minVotes: min, missing: p.votes < min ? 'votes' : 'agents' }));
    }
    const waiting = s.members.filter((m) => m.state === 'issued_to_polling_party').map((m) => m.serial);
    const wrong = s.members.find((m) => m.state !== 'issued_to_polling_party' && m.state !== 'mock_poll_ok');
    if (waiting.length === 0 || wrong) {
      throw new Rollback(failure('poll_step', `Set ${s.set.code} of ${psLabel(s.station)}: no mock poll now (${wrong ? `unit ${wrong.serial} is ${wrong.state.replaceAll('_', ' ')}` : 'the mock poll is done'})`,
        { ...s.about, step: 'mock_poll', ...(wrong ? { serial: wrong.serial, state: wrong.state } : {}) }));
    }
    const agents = p.agents.length > 0 ? p.agents.map((a) => `${a.name} (${a.party})`).join(', ') : `none came after a wait of ${p.waitedMinutes ?? 0} minutes`;
    const reason = `Mock poll certificate of ${psLabel(s.station)}, set ${s.set.code} version ${s.set.version}: ${p.votes} votes; agents ${agents}; seals ${p.seals.join(', ')}`;
    await applyUnitEventsInTx(tx, p.districtId, await events(tx, p, waiting, 'pass_mock_poll', { reason, seals: p.seals, toLocationId: s.station.id }));
    await repo.insertRecord(tx, {
      districtId: p.districtId, acId: s.ac.id, stationId: s.station.id, setId: s.set.id, kind: 'mock_poll', by: p.actor.userId, now: p.now,
      record: { version: s.set.version, votes: p.votes, agents: p.agents, waitedMinutes: p.waitedMinutes ?? null, seals: p.seals, units: waiting, ...(p.at ? { deviceAt: p.at } : {}) },
    });
    return stationPollView(tx, p.districtId, s.station.id);
  });
}

/** Start of poll: start_poll on every member, all of which passed the mock poll. */
export async function startPoll(db: Db, p: { actor: Actor; districtId: number; stationId: number; at?: string | undefined; now: Date }): Promise<Result<StationPollView, Failure>> {
  return inTransaction(db, async (tx) => {
    const s = await stationFor(tx, p, 'poll.preside');
    const pending = s.members.filter((m) => m.state !== 'mock_poll_ok');
    if (pending.length > 0) {
      const first = pending[0];
      throw new Rollback(failure('poll_step', `Set ${s.set.code} of ${psLabel(s.station)}: the poll starts once every unit passed the mock poll (unit ${first?.serial ?? ''} is ${first?.state.replaceAll('_', ' ') ?? ''})`,
        { ...s.about, step: 'start', serial: first?.serial ?? '', state: first?.state ?? '' }));
    }
    const reason = `Poll started at ${psLabel(s.station)} with set ${s.set.code} version ${s.set.version}`;
    await applyUnitEventsInTx(tx, p.districtId, await events(tx, p, s.members.map((m) => m.serial), 'start_poll', { reason }));
    await repo.insertRecord(tx, { districtId: p.districtId, acId: s.ac.id, stationId: s.station.id, setId: s.set.id, kind: 'poll_start', by: p.actor.userId, now: p.now,
      record: { version: s.set.version, units: s.members.map((m) => m.serial), ...(p.at ? { deviceAt: p.at } : {}) } });
    return stationPollView(tx, p.districtId, s.station.id);
  });
}

/**
 * Close of poll with Form 17C Part I's unit entries: the CU, BU and VVPAT serials in use, the seal
 * serials and the votes recorded; close_poll on every member.
 */
export async function closePoll(db: Db, p: { actor: Actor; districtId: number; stationId: number; seals: readonly string[]; votesRecorded: number; at?: string | undefined; now: Date }): Promise<Result<StationPollView, Failure>> {
  return inTransaction(db, async (tx) => {
    const s = await stationFor(tx, p, 'poll.preside');
    const pending = s.members.find((m) => m.state !== 'in_poll');
    if (pending) {
      throw new Rollback(failure('poll_step', `Set ${s.set.code} of ${psLabel(s.station)}: the poll is not on (unit ${pending.serial} is ${pending.state.replaceAll('_', ' ')}), so it cannot be closed`,
        { ...s.about, step: 'close', serial: pending.serial, state: pending.state }));
    }
    const units = byKind(s.members);
    const cu = units.filter((m) => m.kind === 'CU').map((m) => m.serial);
    const bus = units.filter((m) => m.kind === 'BU').map((m) => m.serial);
    const vvpat = units.filter((m) => m.kind === 'VVPAT').map((m) => m.serial);
    const form = { cu, bus, vvpat, seals: [...p.seals], votesRecorded: p.votesRecorded, closedAt: p.now.toISOString(), version: s.set.version, ...(p.at ? { deviceAt: p.at } : {}) };
    const reason = `Poll closed at ${psLabel(s.station)} (Form 17C Part I): CU ${cu.join(', ')}; BU ${bus.join(', ')}; VVPAT ${vvpat.join(', ')}; seals ${p.seals.join(', ')}; ${p.votesRecorded} votes recorded`;
    await applyUnitEventsInTx(tx, p.districtId, await events(tx, p, units.map((m) => m.serial), 'close_poll', { reason, seals: p.seals }));
    await repo.insertRecord(tx, { districtId: p.districtId, acId: s.ac.id, stationId: s.station.id, setId: s.set.id, kind: 'poll_close', by: p.actor.userId, now: p.now, record: form });
    return stationPollView(tx, p.districtId, s.station.id);
  });
}

/**
 * The sector officer replaces failed units from the reserve they carry for this station, by the
 * rule (replacementRule): at mock poll the failed unit(s) only (fail_mock_poll, issue_replacement);
 * in the poll a failed BU or CU withdraws the whole set (fail_in_poll on every member,
 * issue_replacement of a whole set, which then needs a fresh mock poll); a VVPAT alone is replaced
 * in the poll (fail_in_poll, replace_vvpat_in_poll). Each replacement unit must be with the sector
 * officer whose sector covers the station, or nothing changes and the refusal names the serial,
 * the station and the sector officer. The set's version moves on with its new members.
 */
export async function replaceUnits(db: Db, p: { actor: Actor; districtId: number; stationId: number; failed: readonly { serial: string; faultCode: string }[]; replacements: readonly string[]; reason: string; at?: string | undefined; now: Date }): Promise<Result<StationPollView, Failure>> {
  return inTransaction(db, async (tx) => {
    const s = await stationFor(tx, p, 'poll.replace');
    const phase = phaseOf(s.members.map((m) => m.state));
    if (!phase) {
      throw new Rollback(failure('poll_step', `Set ${s.set.code} of ${psLabel(s.station)} is neither at mock poll nor in the poll: no replacement now`, { ...s.about, step: 'replace' }));
    }
    const failed = p.failed.map((f) => {
      const m = s.members.find((x) => x.serial === f.serial);
      if (!m) throw new Rollback(failure('invalid_input', `Unit ${f.serial} is not a member of set ${s.set.code} (${psLabel(s.station)})`, { ...s.about, serial: f.serial }));
      return { ...m, faultCode: f.faultCode };
    });
    if (new Set(p.replacements).size !== p.replacements.length || new Set(p.failed.map((f) => f.serial)).size !== p.failed.length) {
      throw new Rollback(failure('invalid_input', `${psLabel(s.station)}: a unit is listed twice`, s.about));
    }
    const sectors = await sets.listSectors(tx, p.districtId, s.ac.id);
    const sector = sectors.find((x) => x.stationIds.includes(s.station.id));
    const offered = await sets.unitsBySerial(tx, p.districtId, p.replacements);
    for (const serial of p.replacements) {
      const unit = offered.get(serial);
      const holder = sectors.find((x) => x.serials.includes(serial));
      if (!sector || !unit || unit.state !== 'with_sector_officer' || holder?.id !== sector.id) {
        const why = !unit ? 'no such unit in this district'
          : holder && holder.id !== sector?.id ? `it is in the reserve of ${holder.officerName} (${holder.code})`
            : unit.state !== 'with_sector_officer' ? `it is ${unit.state.replaceAll('_', ' ')}` : 'it is not in a sector officer\'s reserve';
        const officer = sector ? `${sector.officerName} (${sector.code})` : 'no sector officer';
        throw new Rollback(failure('not_sector_reserve',
          `Unit ${serial} is not in the reserve of ${officer}, who covers ${psLabel(s.station)} of ${acLabel(s.ac)}: ${why}`,
          { ...s.about, serial, officerName: sector?.officerName ?? '—', sectorCode: sector?.code ?? '—' }));
      }
    }
    const verdict = replacementRule({ phase, failed: failed.map((f) => f.kind), set: s.members.map((m) => m.kind), offered: p.replacements.map((x) => offered.get(x)?.kind ?? 'BU') });
    if (!verdict.ok) {
      throw new Rollback(failure('replacement_rule',
        `Set ${s.set.code} of ${psLabel(s.station)} ${phase === 'mock_poll' ? 'at mock poll' : 'in the poll'}: ${verdict.refusal.replaceAll('_', ' ')}; the rule needs ${verdict.need} and ${verdict.offered} was offered`,
        { ...s.about, rule: verdict.refusal, phase, need: verdict.need, offered: verdict.offered }));
    }
    // Pair each failed (or withdrawn) member with the replacement of its kind, in order.
    const withdrawn = verdict.withdrawWholeSet ? byKind(s.members).map((m) => ({ ...m, faultCode: failed.find((f) => f.serial === m.serial)?.faultCode ?? 'WITHDRAWN_WITH_SET' })) : byKind(failed);
    const pool = byKind(p.replacements.map((serial) => ({ serial, kind: offered.get(serial)?.kind ?? 'BU' })));
    const pairs = withdrawn.map((m) => {
      const i = pool.findIndex((x) => x.kind === m.kind);
      const [next] = pool.splice(i, 1);
      if (!next) throw new Error('unreachable: the rule matched the kinds');
      return { old: m, next };
    });
    const at = `${psLabel(s.station)}, set ${s.set.code}`;
    const fault = (m: { serial: string; faultCode: string }) => `${m.serial} (${m.faultCode})`;
    const failEvent = phase === 'mock_poll' ? 'fail_mock_poll' : 'fail_in_poll';
    const failReason = `${at}: ${failed.map(fault).join(', ')} failed ${phase === 'mock_poll' ? 'at mock poll' : 'in the poll'}${verdict.withdrawWholeSet ? '; the whole set is withdrawn with it' : ''}: ${p.reason}`;
    await applyUnitEventsInTx(tx, p.districtId, await events(tx, p, withdrawn.map((m) => m.serial), failEvent, { reason: failReason }));
    const version = await sets.bumpVersion(tx, p.districtId, s.set.id);
    const replaceReason = `${at} version ${version}: ${pairs.map((x) => `${x.next.serial} replaces ${x.old.serial}`).join(', ')} from the reserve of ${sector?.officerName ?? ''} (${sector?.code ?? ''})`
      + `${verdict.freshMockPoll ? '; a fresh mock poll follows' : ''}: ${p.reason}`;
    await applyUnitEventsInTx(tx, p.districtId, await events(tx, p, pairs.map((x) => x.next.serial), verdict.event, { reason: replaceReason, toLocationId: s.station.id }));
    for (const x of pairs) {
      await sets.endMember(tx, { districtId: p.districtId, setId: s.set.id, serial: x.old.serial, toVersion: version, faultCode: x.old.faultCode, replacedBy: x.next.serial });
    }
    await sets.insertMembers(tx, pairs.map((x) => ({ districtId: p.districtId, setId: s.set.id, serial: x.next.serial, kind: x.next.kind, fromVersion: version })));
    await appendEventEntries(tx, p.districtId, [{
      type: 'SET_REPAIR', units: pairs.flatMap((x) => [x.old.serial, x.next.serial]), from: s.station.code, to: s.station.code, actor: p.actor.username, witnesses: [], seals: [],
      reason: `Set ${s.set.code} of ${psLabel(s.station)} version ${version} (${verdict.mode.replaceAll('_', ' ')}): ${pairs.map((x) => `${x.old.serial} → ${x.next.serial}`).join(', ')}`,
    }], p.now);
    await repo.insertRecord(tx, {
      districtId: p.districtId, acId: s.ac.id, stationId: s.station.id, setId: s.set.id, kind: 'replacement', by: p.actor.userId, now: p.now,
      record: {
        phase, mode: verdict.mode, version, reason: p.reason, freshMockPoll: verdict.freshMockPoll, sector: sector?.code ?? null, officerName: sector?.officerName ?? null,
        failed: failed.map((f) => ({ serial: f.serial, kind: f.kind, faultCode: f.faultCode })), pairs: pairs.map((x) => ({ old: x.old.serial, new: x.next.serial, kind: x.old.kind })),
        ...(p.at ? { deviceAt: p.at } : {}),
      },
    });
    return stationPollView(tx, p.districtId, s.station.id);
  });
}

/** Everything the poll-day screen shows for one station. */
export async function stationPollView(db: Queryable, districtId: number, stationId: number): Promise<StationPollView> {
  const found = await sets.findStation(db, districtId, stationId);
  const ac = found?.acId == null ? undefined : await sets.findAc(db, districtId, found.acId);
  if (!found || !ac) throw new Rollback(failure('not_found', `Polling station ${stationId} not found in this district`, { stationId }));
  const set = await sets.findSetByStation(db, districtId, stationId);
  const current = set ? (await sets.listMembers(db, districtId, [set.id])).filter((m) => m.toVersion === null) : [];
  const sectors = await sets.listSectors(db, districtId, ac.id);
  const sector = sectors.find((x) => x.stationIds.includes(stationId));
  const units = await sets.unitsBySerial(db, districtId, [...current.map((m) => m.serial), ...(sector?.serials ?? [])]);
  const members: PollMemberView[] = byKind(current.map((m) => ({ serial: m.serial, kind: m.kind, state: units.get(m.serial)?.state ?? 'assigned_ps' })));
  const located = await Promise.all(members.map(async (m) => ({ state: m.state, atStation: (await findUnitBySerial(db, m.serial))?.locationId === stationId })));
  const rules = ElectionRulesSchema.parse(await sets.currentRules(db) ?? {});
  return {
    station: { id: found.id, number: found.number, name: found.name },
    ac: { id: ac.id, number: ac.number, name: ac.name },
    setCode: set?.code ?? null,
    version: set?.version ?? null,
    status: stationStatus(located),
    phase: set?.status === 'issued' ? phaseOf(members.map((m) => m.state)) : null,
    members,
    sector: sector ? {
      code: sector.code, officerName: sector.officerName,
      reserve: byKind(sector.serials.flatMap((serial) => {
        const u = units.get(serial);
        return u && u.state === 'with_sector_officer' ? [{ serial, kind: u.kind, state: u.state }] : [];
      })),
    } : null,
    records: (await repo.listRecords(db, districtId, stationId)).map((r) => ({ kind: r.kind, at: r.at.toISOString(), by: r.by, record: r.record })),
    mockPollMinVotes: rules.psMockpollMinVotes,
  };
}

export async function stationPoll(db: Db, districtId: number, stationId: number): Promise<Result<StationPollView, Failure>> {
  try {
    return ok(await stationPollView(db, districtId, stationId));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

/** The AC's stations with their set and poll-day status, for the phone's station list. */
export async function acPoll(db: Db, districtId: number, acId: number): Promise<Result<AcPollView, Failure>> {
  const ac = await sets.findAc(db, districtId, acId);
  if (!ac) return err(failure('not_found', `AC ${acId} is not in this district`, { acId }));
  const stations = await sets.stationsOf(db, districtId, acId);
  const all = await sets.listSets(db, districtId, acId);
  const members = (await sets.listMembers(db, districtId, all.map((x) => x.id))).filter((m) => m.toVersion === null);
  const rows = await db.selectFrom('units').select(['serial', 'state', 'locationId'])
    .where('districtId', '=', districtId).where('serial', 'in', members.length > 0 ? members.map((m) => m.serial) : ['']).execute();
  const unit = new Map(rows.map((r) => [r.serial, r]));
  return ok({
    ac: { id: ac.id, number: ac.number, name: ac.name },
    stations: stations.map((st) => {
      const set = all.find((x) => x.stationId === st.id);
      const list = set ? members.filter((m) => m.setId === set.id) : [];
      return {
        id: st.id, number: st.number, name: st.name, setCode: set?.code ?? null,
        status: stationStatus(list.flatMap((m) => {
          const u = unit.get(m.serial);
          return u ? [{ state: u.state as UnitState, atStation: Number(u.locationId) === st.id }] : [];
        })),
      };
    }),
  });
}

