/**
 * Polling-station sets (issue 10 items 1-3, eci-brief §5, §6, §12.2 rows 12-14). A station's set
 * (1 CU, its BUs, 1 VVPAT) is built from the AC's finalised second randomisation and from then on
 * is recorded as one: commissioning fires `commission` on every member with the record, a unit
 * that fails is replaced by the ceremony's one reserve rule (replaceFromReserveInTx) and the set's
 * version moves on, and the distribution centre issues the whole set to its polling party by a
 * scan of any member. Every step is one transaction with its custody-log entries.
 */
import {
  buLimitBreach, busPerPollingStation, ElectionRulesSchema, err, ok, orderByTicket, sha256Hex,
  type AcSetsView, type ElectionRules, type Result, type RouteView, type ScanResult, type ScanTally, type SetCommissioningView,
  type SetMemberView, type SetView, type UnitEvent, tightestCuModel,
} from '@evmtrail/shared';

import type { Db, Queryable, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import * as ceremonies from '../ceremonies/ceremony.repository.ts';
import { acScope, buLimitFailure, psTarget, replaceFromReserveInTx } from '../ceremonies/ceremony.service.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { applyUnitEventsInTx } from '../units/unit-batch.service.ts';
import { findUnitBySerial } from '../units/unit.repository.ts';
import { appendEventEntries, type UnitEventInput } from '../units/unit.service.ts';
import * as repo from './sets.repository.ts';

export type SetsFailure = Failure;

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, SetsFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

const acLabel = (ac: repo.AcRow) => `AC ${ac.number} ${ac.name}`;
const acParams = (ac: repo.AcRow) => ({ acNumber: ac.number, acName: ac.name });
const psLabel = (s: { number: number; name: string }) => `PS ${s.number} ${s.name}`;

export function setCode(acNumber: number, psNumber: number): string {
  return `SET-${acNumber}-${String(psNumber).padStart(3, '0')}`;
}

async function rulesOf(db: Queryable): Promise<ElectionRules> {
  return ElectionRulesSchema.parse(await repo.currentRules(db) ?? {});
}

async function acOrFail(db: Queryable, districtId: number, acId: number): Promise<repo.AcRow> {
  const ac = await repo.findAc(db, districtId, acId);
  if (!ac) throw new Rollback(failure('not_found', `AC ${acId} is not in this district`, { acId }));
  return ac;
}

async function judgeAc(tx: Queryable, actor: Actor, action: 'set.manage' | 'set.commission', ac: repo.AcRow): Promise<void> {
  const verdict = await judge(tx, actor, action, { stateId: ac.stateId, districtId: ac.districtId, acId: ac.id }, acParams(ac));
  if (!verdict.ok) throw new Rollback(verdict.error);
}

async function log(tx: Tx, p: { districtId: number; actor: Actor; now: Date }, entry: { type: string; units: readonly string[]; from: string; to: string; reason: string; seals?: readonly string[] }): Promise<void> {
  await appendEventEntries(tx, p.districtId, [{ ...entry, units: [...entry.units], seals: [...(entry.seals ?? [])], actor: p.actor.username }], p.now);
}

/** The models of the CUs the AC was given by its second randomisation (none yet: shared buLimitBreach takes M3). */
async function cuModelsOf(db: Queryable, districtId: number, ceremonyId: number | undefined): Promise<string[]> {
  return ceremonyId === undefined ? [] : repo.cuModels(db, districtId, ceremonyId);
}

/**
 * The RO records the AC's contesting candidates: BUs per station = ceil((candidates + 1) / 16),
 * NOTA counted, refused past the BU-per-CU limit of the AC's CU model. Refused once a set is
 * commissioned (the ballot paper is fixed). One CANDIDATES entry.
 */
export async function setCandidates(db: Db, p: { actor: Actor; districtId: number; acId: number; candidates: number; now: Date }): Promise<Result<AcSetsView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.manage', ac);
    await repo.lockAc(tx, p.districtId, ac.id);
    const rules = await rulesOf(tx);
    const bus = busPerPollingStation(p.candidates, rules);
    const ceremony = await repo.secondCeremony(tx, p.districtId, ac.id);
    const breach = buLimitBreach(p.candidates, await cuModelsOf(tx, p.districtId, ceremony?.id), rules);
    if (breach) throw new Rollback(buLimitFailure(ac, p.candidates, breach));
    const sets = await repo.listSets(tx, p.districtId, ac.id);
    const fixed = sets.find((s) => s.status !== 'built');
    if (fixed) {
      throw new Rollback(failure('set_status', `${acLabel(ac)}: set ${fixed.code} is already ${fixed.status} with its ballot paper; the candidates cannot change now`,
        { ...acParams(ac), setCode: fixed.code, setStatus: fixed.status }));
    }
    await repo.setCandidates(tx, { districtId: p.districtId, acId: ac.id, candidates: p.candidates, busPerStation: bus, by: p.actor.userId, now: p.now });
    const scope = acScope(ac.number);
    await log(tx, p, { type: 'CANDIDATES', units: [], from: scope, to: scope, reason: `${acLabel(ac)}: ${p.candidates} contesting candidates and NOTA; ${bus} BU(s) per polling station` });
    return acSetsView(tx, p.districtId, ac.id);
  });
}

/** The units the finalised allocation gives each station now (replacements applied), in ticket order. */
async function allocationByTarget(db: Queryable, districtId: number, ceremonyId: number): Promise<Map<string, string[]>> {
  const rows = await ceremonies.listAllocation(db, districtId, ceremonyId);
  const replacements = await ceremonies.listReplacements(db, districtId, ceremonyId);
  const byTarget = new Map<string, string[]>();
  for (const r of rows) if (!r.reserve) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r.serial]);
  for (const r of replacements) {
    const list = byTarget.get(r.target) ?? [];
    byTarget.set(r.target, [...list.filter((s) => s !== r.oldSerial), r.newSerial]);
  }
  return byTarget;
}

/**
 * Builds the AC's sets (all stations, or those named) from its finalised second randomisation in
 * one transaction: each station needs 1 CU, its BUs and 1 VVPAT assigned to it, or the whole build
 * is refused naming the station and the kind it lacks. One SET_BUILD entry per set, naming its units.
 */
export async function buildSets(db: Db, p: { actor: Actor; districtId: number; acId: number; stationNumbers?: readonly number[] | undefined; now: Date }): Promise<Result<AcSetsView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.manage', ac);
    await repo.lockAc(tx, p.districtId, ac.id);
    const cand = await repo.candidatesOf(tx, p.districtId, ac.id);
    if (!cand) throw new Rollback(failure('invalid_input', `${acLabel(ac)}: record the number of candidates before building the sets`, acParams(ac)));
    const ceremony = await repo.secondCeremony(tx, p.districtId, ac.id);
    if (!ceremony) throw new Rollback(failure('invalid_input', `${acLabel(ac)} has no finalised second randomisation: the sets are built from it`, acParams(ac)));
    let stations = await repo.stationsOf(tx, p.districtId, ac.id);
    if (p.stationNumbers) {
      const wanted = new Set(p.stationNumbers);
      const unknown = p.stationNumbers.find((n) => !stations.some((s) => s.number === n));
      if (unknown !== undefined) throw new Rollback(failure('invalid_input', `${acLabel(ac)} has no polling station ${unknown}`, { ...acParams(ac), stationNumber: unknown }));
      stations = stations.filter((s) => wanted.has(s.number));
    }
    const built = await repo.stationsWithSets(tx, p.districtId, stations.map((s) => s.id));
    stations = stations.filter((s) => !built.has(s.id));
    if (stations.length === 0) throw new Rollback(failure('set_status', `${acLabel(ac)}: the sets of these stations are built already`, { ...acParams(ac), setStatus: 'built' }));
    const byTarget = await allocationByTarget(tx, p.districtId, ceremony.id);
    const units = await repo.unitsBySerial(tx, p.districtId, stations.flatMap((s) => byTarget.get(psTarget(s.number)) ?? []));
    const plans: { station: repo.StationRow; members: repo.UnitBrief[] }[] = [];
    for (const station of stations) {
      const assigned = (byTarget.get(psTarget(station.number)) ?? []).flatMap((serial) => {
        const u = units.get(serial);
        return u && u.state === 'assigned_ps' ? [u] : [];
      });
      const need = { CU: 1, BU: cand.busPerStation, VVPAT: 1 } as const;
      const members: repo.UnitBrief[] = [];
      for (const kind of ['CU', 'BU', 'VVPAT'] as const) {
        const have = assigned.filter((u) => u.kind === kind);
        if (have.length < need[kind]) {
          throw new Rollback(failure('set_incomplete',
            `${psLabel(station)} of ${acLabel(ac)} lacks a ${kind}: it needs ${need[kind]}, the second randomisation assigned ${have.length} still assigned to it`
              + (kind === 'BU' ? '; bring the extra BUs by a supplementary randomisation' : ''),
            { ...acParams(ac), stationNumber: station.number, stationName: station.name, kind, need: need[kind], have: have.length }));
        }
        members.push(...have.slice(0, need[kind]));
      }
      plans.push({ station, members });
    }
    const ids = await repo.insertSets(tx, plans.map(({ station }) => ({
      districtId: p.districtId, acId: ac.id, stationId: station.id, code: setCode(ac.number, station.number), ceremonyId: ceremony.id, by: p.actor.userId, now: p.now,
    })));
    await repo.insertMembers(tx, plans.flatMap(({ station, members }) => members.map((m) => ({ districtId: p.districtId, setId: ids.get(station.id) ?? 0, serial: m.serial, kind: m.kind, fromVersion: 1 }))));
    await appendEventEntries(tx, p.districtId, plans.map(({ station, members }) => ({
      type: 'SET_BUILD', units: members.map((m) => m.serial), from: station.code, to: station.code, actor: p.actor.username, witnesses: [], seals: [],
      reason: `Set ${setCode(ac.number, station.number)} (version 1) built for ${psLabel(station)} from ${ceremony.code}: ${members.map((m) => `${m.kind} ${m.serial}`).join(', ')}`,
    })), p.now);
    return acSetsView(tx, p.districtId, ac.id);
  });
}

/**
 * The mock-poll sample at commissioning, drawn by EVMRAND/1's tickets with published inputs: the
 * AC's set codes (their sha256 is P), the number drawn K = ceil(fraction x sets), the public dice
 * D. seed = "EVMRAND/1|E=<election>|R=MOCKPOLL|U=AC-nnn|P=<P>|K=<K>|D=<D>"; the sample is the K
 * codes with the smallest tickets (orderByTicket), which anyone can recompute. Once per AC.
 */
export async function drawSample(db: Db, p: { actor: Actor; districtId: number; acId: number; dice: string; now: Date }): Promise<Result<AcSetsView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.manage', ac);
    await repo.lockAc(tx, p.districtId, ac.id);
    if (await repo.findSample(tx, p.districtId, ac.id)) {
      throw new Rollback(failure('set_status', `${acLabel(ac)}: the mock-poll sample is drawn already and cannot be drawn again`, { ...acParams(ac), setStatus: 'sampled' }));
    }
    const codes = (await repo.listSets(tx, p.districtId, ac.id)).map((s) => s.code).sort();
    if (codes.length === 0) throw new Rollback(failure('invalid_input', `${acLabel(ac)}: build the sets before drawing the mock-poll sample`, acParams(ac)));
    const rules = await rulesOf(tx);
    const k = Math.max(1, Math.ceil(codes.length * rules.commissioningMockpoll.sampleFraction - 1e-9));
    const poolHash = sha256Hex(codes.map((c) => `${c}\n`).join(''));
    const scope = acScope(ac.number);
    const seed = `EVMRAND/1|E=${(await repo.currentElectionCode(tx)).toUpperCase().replace(/[^A-Z0-9-]+/g, '-')}|R=MOCKPOLL|U=${scope}|P=${poolHash}|K=${k}|D=${p.dice}`;
    const order = orderByTicket(codes, seed);
    if (!order.ok) throw new Rollback(failure('invalid_input', order.error.message, acParams(ac)));
    const chosen = order.value.ids.slice(0, k);
    const votes = rules.commissioningMockpoll.sampleVotes;
    await repo.insertSample(tx, { districtId: p.districtId, acId: ac.id, dice: p.dice, seed, poolHash, codes: chosen, votes, by: p.actor.userId, now: p.now });
    await log(tx, p, { type: 'MOCKPOLL_SAMPLE', units: [], from: scope, to: scope, reason: `${acLabel(ac)}: ${k} of ${codes.length} sets drawn for a ${votes}-vote mock poll; seed ${seed}; sample ${chosen.join(', ')}` });
    return acSetsView(tx, p.districtId, ac.id);
  });
}

export interface CommissionParams {
  actor: Actor; districtId: number; setId: number; now: Date;
  ballotPaper: string; sluId: string; sluContainerSeal: string; vvpatBatteryId: string; paperRollId: string;
  pinkSeals: readonly string[]; greenSeals: readonly string[]; addressTags: readonly string[];
  mockPollVotes: number; mockPollSlips: number; sampleVotes?: number | undefined;
  failures?: readonly { serial: string; faultCode: string }[] | undefined;
}

/** Events of `event` on `serials`, one per group standing together (state and place). */
async function groupedEvents(tx: Tx, p: { actor: Actor; districtId: number; now: Date }, serials: readonly string[], event: UnitEvent, extra: { reason: string; seals?: readonly string[]; toLocationId?: number }): Promise<UnitEventInput[]> {
  const units = await repo.unitsBySerial(tx, p.districtId, serials);
  const located = await Promise.all(serials.map(async (s) => ({ serial: s, unit: await findUnitBySerial(tx, s), brief: units.get(s) })));
  const groups = new Map<string, string[]>();
  for (const { serial, unit } of located) {
    const key = unit ? `${unit.state}/${unit.locationId}` : `missing/${serial}`;
    groups.set(key, [...(groups.get(key) ?? []), serial]);
  }
  return [...groups.values()].map((group) => ({ actor: p.actor, districtId: p.districtId, serials: group, event, reason: extra.reason,
    ...(extra.seals ? { seals: extra.seals } : {}), ...(extra.toLocationId !== undefined ? { toLocationId: extra.toLocationId } : {}), now: p.now,
  }));
}

/**
 * Commissioning one set (RO with the engineers): the record is checked (one vote per candidate and
 * NOTA, slips = votes, the sample's 1,000 votes on a sampled set, every seal serial used once),
 * each failed unit gets `fail_commissioning` and is replaced by the next AC reserve unit of its
 * kind in ticket order (the ceremony's rule, RAND_REPLACE entry; the set's version moves on),
 * then `commission` fires on every member, all in one transaction with the record.
 */
export async function commissionSet(db: Db, p: CommissionParams): Promise<Result<SetView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const set = await repo.findSet(tx, p.districtId, p.setId, true);
    if (!set) throw new Rollback(failure('not_found', `Set ${p.setId} not found in this district`, { setId: p.setId }));
    const ac = await acOrFail(tx, p.districtId, set.acId);
    await judgeAc(tx, p.actor, 'set.commission', ac);
    const station = { number: set.stationNumber, name: set.stationName };
    const about = { ...acParams(ac), setCode: set.code, stationNumber: set.stationNumber, stationName: set.stationName };
    if (set.status !== 'built') {
      throw new Rollback(failure('set_status', `Set ${set.code} of ${psLabel(station)} is already ${set.status}: it cannot be commissioned again`, { ...about, setStatus: set.status }));
    }
    const cand = await repo.candidatesOf(tx, p.districtId, ac.id);
    const candidates = cand?.candidates ?? 0;
    if (p.mockPollVotes < candidates + 1) {
      throw new Rollback(failure('invalid_input', `Set ${set.code}: the mock poll needs at least one vote for each of the ${candidates} candidates and NOTA (${candidates + 1}); ${p.mockPollVotes} recorded`, about));
    }
    if (p.mockPollSlips !== p.mockPollVotes) {
      throw new Rollback(failure('invalid_input', `Set ${set.code}: the VVPAT slips counted (${p.mockPollSlips}) do not tally with the mock-poll votes (${p.mockPollVotes})`, about));
    }
    const sample = await repo.findSample(tx, p.districtId, ac.id);
    if (!sample) throw new Rollback(failure('invalid_input', `${acLabel(ac)}: draw the mock-poll sample before commissioning, so every set knows whether it polls ${(await rulesOf(tx)).commissioningMockpoll.sampleVotes} votes`, about));
    const sampled = sample.codes.includes(set.code);
    if (sampled && (p.sampleVotes ?? 0) < sample.votes) {
      throw new Rollback(failure('invalid_input', `Set ${set.code} is in the mock-poll sample: record its ${sample.votes}-vote mock poll (${p.sampleVotes ?? 0} recorded)`, about));
    }
    const seals = [
      ...p.pinkSeals.map((serial) => ({ kind: 'pink', serial })), ...p.greenSeals.map((serial) => ({ kind: 'green', serial })),
      ...p.addressTags.map((serial) => ({ kind: 'address_tag', serial })),
    ];
    const seen = new Set<string>();
    for (const s of seals) {
      if (seen.has(s.serial)) throw new Rollback(failure('invalid_input', `Set ${set.code}: seal ${s.serial} is listed twice`, { ...about, seal: s.serial }));
      seen.add(s.serial);
    }
    const [used] = await repo.usedSeals(tx, p.districtId, seals);
    if (used) throw new Rollback(failure('invalid_input', `Seal ${used.serial} was already used on set ${used.setCode}`, { ...about, seal: used.serial, otherSet: used.setCode }));

    const members = (await repo.listMembers(tx, p.districtId, [set.id])).filter((m) => m.toVersion === null);
    let version = set.version;
    const failures = p.failures ?? [];
    if (failures.length > 0) {
      const ceremony = await ceremonies.findCeremony(tx, p.districtId, set.ceremonyId, true);
      if (!ceremony) throw new Error('unreachable: a set is built from a ceremony');
      version = await repo.bumpVersion(tx, p.districtId, set.id);
      for (const f of failures) {
        const member = members.find((m) => m.serial === f.serial);
        if (!member) throw new Rollback(failure('invalid_input', `Unit ${f.serial} is not a member of set ${set.code} (${psLabel(station)})`, { ...about, serial: f.serial }));
        const reason = `Set ${set.code} of ${psLabel(station)}: fault ${f.faultCode} at commissioning`;
        await applyUnitEventsInTx(tx, p.districtId, [{ actor: p.actor, districtId: p.districtId, serials: [f.serial], event: 'fail_commissioning', reason, now: p.now }]);
        const next = await replaceFromReserveInTx(tx, ceremony, { actor: p.actor, districtId: p.districtId, now: p.now, serial: f.serial, reason });
        const nextUnit = (await repo.unitsBySerial(tx, p.districtId, [next.serial])).get(next.serial);
        if (!nextUnit || (nextUnit.state !== 'ac_reserve' && nextUnit.state !== 'commissioned') || (await repo.findSetOfMember(tx, p.districtId, next.serial)) !== undefined) {
          throw new Rollback(failure('set_status', `The next ${next.kind} of the AC reserve in ticket order, ${next.serial}, is not in the AC reserve (${nextUnit?.state ?? 'unknown'}): it cannot replace ${f.serial}`,
            { ...about, serial: next.serial, setStatus: nextUnit?.state ?? 'unknown' }));
        }
        await repo.endMember(tx, { districtId: p.districtId, setId: set.id, serial: f.serial, toVersion: version, faultCode: f.faultCode, replacedBy: next.serial });
        await repo.insertMembers(tx, [{ districtId: p.districtId, setId: set.id, serial: next.serial, kind: next.kind, fromVersion: version }]);
        await log(tx, p, { type: 'SET_REPAIR', units: [f.serial, next.serial], from: set.stationCode, to: set.stationCode, reason: `Set ${set.code} of ${psLabel(station)} version ${version}: ${f.serial} (${f.faultCode}) replaced by ${next.serial} from the AC reserve` });
      }
    }
    const current = (await repo.listMembers(tx, p.districtId, [set.id])).filter((m) => m.toVersion === null).map((m) => m.serial);
    const states = await repo.unitsBySerial(tx, p.districtId, current);
    // A replacement commissioned already as a reserve joins as it is.
    const toCommission = current.filter((s) => states.get(s)?.state !== 'commissioned');
    const record = {
      ballotPaper: p.ballotPaper, sluId: p.sluId, sluContainerSeal: p.sluContainerSeal, vvpatBatteryId: p.vvpatBatteryId, paperRollId: p.paperRollId,
      pinkSeals: [...p.pinkSeals], greenSeals: [...p.greenSeals], addressTags: [...p.addressTags],
      mockPollVotes: p.mockPollVotes, mockPollSlips: p.mockPollSlips, sampleVotes: sampled ? (p.sampleVotes ?? null) : null,
    };
    const reason = `Set ${set.code} of ${psLabel(station)} version ${version}: ballot paper ${p.ballotPaper} fixed and candidate set; SLU ${p.sluId} (container seal ${p.sluContainerSeal}); `
      + `VVPAT battery ${p.vvpatBatteryId}, paper roll ${p.paperRollId}; mock poll ${p.mockPollVotes} votes = ${p.mockPollSlips} slips${sampled ? `; sample mock poll ${p.sampleVotes ?? 0} votes` : ''}`;
    if (toCommission.length > 0) {
      await applyUnitEventsInTx(tx, p.districtId, await groupedEvents(tx, p, toCommission, 'commission', { reason, seals: seals.map((s) => s.serial) }));
    }
    await repo.markCommissioned(tx, { districtId: p.districtId, setId: set.id, record, by: p.actor.userId, now: p.now });
    await repo.insertSeals(tx, p.districtId, set.id, seals);
    return setView(tx, p.districtId, set.id);
  });
}

/** The AC reserve commissioned with the candidate set, ready for the sector officers. */
export async function commissionReserves(db: Db, p: { actor: Actor; districtId: number; acId: number; ballotPaper: string; sluId: string; now: Date }): Promise<Result<AcSetsView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.commission', ac);
    const reserves = await repo.unitsInState(tx, p.districtId, ac.id, ['ac_reserve']);
    if (reserves.length === 0) throw new Rollback(failure('invalid_input', `${acLabel(ac)} has no uncommissioned reserve unit`, acParams(ac)));
    const reason = `AC reserve of ${acLabel(ac)}: ballot paper ${p.ballotPaper} fixed and candidate set; SLU ${p.sluId}`;
    await applyUnitEventsInTx(tx, p.districtId, await groupedEvents(tx, p, reserves.map((u) => u.serial), 'commission', { reason }));
    return acSetsView(tx, p.districtId, ac.id);
  });
}

/**
 * A vehicle route of the distribution centre: its stops in order, each a station with a set and
 * the polling party that takes it. A station is on one route only. One DISPATCH_ROUTE entry.
 */
export async function createRoute(db: Db, p: { actor: Actor; districtId: number; acId: number; name: string; vehicleId: string; stops: readonly { stationNumber: number; partyId: string }[]; now: Date }): Promise<Result<RouteView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.manage', ac);
    await repo.lockAc(tx, p.districtId, ac.id);
    const stations = await repo.stationsOf(tx, p.districtId, ac.id);
    const picked: repo.StationRow[] = [];
    for (const stop of p.stops) {
      const station = stations.find((s) => s.number === stop.stationNumber);
      if (!station) throw new Rollback(failure('invalid_input', `${acLabel(ac)} has no polling station ${stop.stationNumber}`, { ...acParams(ac), stationNumber: stop.stationNumber }));
      if (picked.includes(station)) throw new Rollback(failure('invalid_input', `${psLabel(station)} is named twice on the route`, { ...acParams(ac), stationNumber: station.number, stationName: station.name }));
      picked.push(station);
    }
    const withSets = await repo.stationsWithSets(tx, p.districtId, picked.map((s) => s.id));
    const bare = picked.find((s) => !withSets.has(s.id));
    if (bare) throw new Rollback(failure('invalid_input', `${psLabel(bare)} has no set yet: build the sets first`, { ...acParams(ac), stationNumber: bare.number, stationName: bare.name }));
    const onRoutes = await repo.stopsOfStations(tx, p.districtId, picked.map((s) => s.id));
    const taken = picked.find((s) => onRoutes.has(s.id));
    if (taken) throw new Rollback(failure('invalid_input', `${psLabel(taken)} is already on route ${onRoutes.get(taken.id) ?? ''}`, { ...acParams(ac), stationNumber: taken.number, stationName: taken.name }));
    const code = `RT-${ac.number}-${(await repo.countRoutes(tx, p.districtId, ac.id)) + 1}`;
    const id = await repo.insertRoute(tx, { districtId: p.districtId, acId: ac.id, code, name: p.name, vehicleId: p.vehicleId, by: p.actor.userId, now: p.now });
    await repo.insertStops(tx, p.districtId, id, picked.map((s, i) => ({ stationId: s.id, partyId: p.stops[i]?.partyId ?? '' })));
    const scope = acScope(ac.number);
    await log(tx, p, {
      type: 'DISPATCH_ROUTE', units: [], from: scope, to: scope,
      reason: `${code} "${p.name}", vehicle ${p.vehicleId}: ${picked.map((s, i) => `PS ${s.number} (party ${p.stops[i]?.partyId ?? ''})`).join(', ')}`,
    });
    const [route] = await routeViews(tx, p.districtId, [{ id, acId: ac.id, code, name: p.name, vehicleId: p.vehicleId }]);
    if (!route) throw new Error('unreachable: the route was just written');
    return route;
  });
}

/**
 * Issues the set that `serial` belongs to, whole, to the polling party of its station's stop on the
 * route: `issue_to_party` on every member, in the caller's transaction. Refused for a set not
 * commissioned, issued already (naming the party and route), or whose station is not on the route.
 */
export async function issueSetInTx(tx: Tx, p: { actor: Actor; districtId: number; route: repo.RouteRow; serial: string; now: Date }): Promise<SetView> {
  const setId = await repo.findSetOfMember(tx, p.districtId, p.serial);
  if (setId === undefined) throw new Rollback(failure('invalid_input', `Unit ${p.serial} is not a member of any polling-station set`, { serial: p.serial }));
  const set = await repo.findSet(tx, p.districtId, setId, true);
  if (!set) throw new Error('unreachable: a member has its set');
  const ac = await acOrFail(tx, p.districtId, set.acId);
  await judgeAc(tx, p.actor, 'set.manage', ac);
  const station = { number: set.stationNumber, name: set.stationName };
  const about = { ...acParams(ac), serial: p.serial, setCode: set.code, stationNumber: set.stationNumber, stationName: set.stationName, setStatus: set.status };
  if (set.status === 'issued') {
    const route = set.routeId === null ? undefined : await repo.findRoute(tx, p.districtId, set.routeId);
    throw new Rollback(failure('set_status', `Set ${set.code} of ${psLabel(station)} was already issued to polling party ${set.partyId ?? ''} on route ${route?.code ?? ''}: it is issued once`,
      { ...about, partyId: set.partyId ?? '', routeCode: route?.code ?? '' }));
  }
  if (set.status !== 'commissioned') throw new Rollback(failure('set_status', `Set ${set.code} of ${psLabel(station)} is not commissioned: it cannot be issued`, about));
  const stop = (await repo.listStops(tx, p.districtId, [p.route.id])).find((s) => s.stationId === set.stationId);
  if (!stop) throw new Rollback(failure('invalid_input', `${psLabel(station)} is not on route ${p.route.code}: its set goes with another vehicle`, { ...about, routeCode: p.route.code }));
  const members = (await repo.listMembers(tx, p.districtId, [set.id])).filter((m) => m.toVersion === null).map((m) => m.serial);
  const reason = `Set ${set.code} of ${psLabel(station)} version ${set.version} to polling party ${stop.partyId}, vehicle ${p.route.vehicleId}, route ${p.route.code}`;
  const vehicle = await repo.vehicleLocation(tx, { districtId: p.districtId, acId: ac.id, vehicleId: p.route.vehicleId });
  await applyUnitEventsInTx(tx, p.districtId, await groupedEvents(tx, p, members, 'issue_to_party', { reason, toLocationId: vehicle.id }));
  await repo.markIssued(tx, { districtId: p.districtId, setId: set.id, routeId: p.route.id, partyId: stop.partyId, by: p.actor.userId, now: p.now });
  return setView(tx, p.districtId, set.id);
}

async function routeOrFail(tx: Tx, districtId: number, routeId: number): Promise<repo.RouteRow> {
  const route = await repo.findRoute(tx, districtId, routeId, true);
  if (!route) throw new Rollback(failure('not_found', `Route ${routeId} not found in this district`, { routeId }));
  return route;
}

/** The counter's desk form (no scanner): the same as a scan. */
export async function issueSet(db: Db, p: { actor: Actor; districtId: number; routeId: number; serial: string; now: Date }): Promise<Result<SetView, SetsFailure>> {
  return inTransaction(db, async (tx) => issueSetInTx(tx, { ...p, route: await routeOrFail(tx, p.districtId, p.routeId) }));
}

async function routeTally(tx: Queryable, districtId: number, routeId: number): Promise<ScanTally> {
  const stops = await repo.listStops(tx, districtId, [routeId]);
  const sets = await Promise.all(stops.map((s) => repo.findSetByStation(tx, districtId, s.stationId)));
  const issued = sets.filter((s) => s?.status === 'issued' && s.routeId === routeId).length;
  return { expected: stops.length, accepted: issued, missing: stops.length - issued, orphan: 0, rejected: 0 };
}

/**
 * One scan at the distribution-centre counter (scan.service.ts, task 'set_issue', the task id the
 * route): a member of a commissioned set on the route issues its whole set; a set issued already
 * is a duplicate; a set of a station on another route is the wrong place; anything else changes nothing.
 */
export async function scanForSetIssue(tx: Tx, scan: { actor: Actor; districtId: number; routeId: number; serial: string; key: string; now: Date }): Promise<ScanResult> {
  const route = await routeOrFail(tx, scan.districtId, scan.routeId);
  const visible = visibleUnit(await findUnitBySerial(tx, scan.serial), scan);
  const answer = { key: scan.key, serial: scan.serial, replayed: false, recordedAt: scan.now.toISOString() };
  if (!visible) return { ...answer, outcome: 'unknown_serial', detail: `Unit ${scan.serial}: this district holds no such unit`, tally: await routeTally(tx, scan.districtId, route.id) };
  const unit = unitView(visible);
  const setId = await repo.findSetOfMember(tx, scan.districtId, scan.serial);
  const set = setId === undefined ? undefined : await repo.findSet(tx, scan.districtId, setId);
  if (!set) {
    return { ...answer, outcome: 'wrong_state', unit, detail: `Unit ${scan.serial} is in no polling-station set: nothing issued`, tally: await routeTally(tx, scan.districtId, route.id) };
  }
  const stop = (await repo.listStops(tx, scan.districtId, [route.id])).find((s) => s.stationId === set.stationId);
  if (set.status === 'issued') {
    return {
      ...answer, outcome: set.routeId === route.id ? 'duplicate' : 'wrong_state', unit, tally: await routeTally(tx, scan.districtId, route.id),
      detail: `Set ${set.code} of PS ${set.stationNumber} ${set.stationName} was already issued to polling party ${set.partyId ?? ''}: issued once`,
    };
  }
  if (!stop) {
    return { ...answer, outcome: 'wrong_place', unit, tally: await routeTally(tx, scan.districtId, route.id), detail: `Set ${set.code} of PS ${set.stationNumber} ${set.stationName} is not on route ${route.code}` };
  }
  if (set.status !== 'commissioned') {
    return { ...answer, outcome: 'wrong_state', unit, tally: await routeTally(tx, scan.districtId, route.id), detail: `Set ${set.code} of PS ${set.stationNumber} ${set.stationName} is not commissioned: nothing issued` };
  }
  const issued = await issueSetInTx(tx, { actor: scan.actor, districtId: scan.districtId, route, serial: scan.serial, now: scan.now });
  const after = await findUnitBySerial(tx, scan.serial);
  return {
    ...answer, outcome: 'accepted', ...(after ? { unit: unitView(after) } : {}), tally: await routeTally(tx, scan.districtId, route.id),
    detail: `Set ${issued.code} of PS ${issued.station.number} ${issued.station.name} (${issued.members.length} units) issued to polling party ${stop.partyId}, vehicle ${route.vehicleId}`,
  };
}

/**
 * The AC reserve to a sector officer: 10 to 12 stations (the election's rule), commissioned reserve
 * units of the AC that are in no set; `issue_to_sector_officer` on them, with the sector's record.
 */
export async function issueReserves(db: Db, p: { actor: Actor; districtId: number; acId: number; officerName: string; vehicleId: string; stationNumbers: readonly number[]; serials: readonly string[]; now: Date }): Promise<Result<AcSetsView, SetsFailure>> {
  return inTransaction(db, async (tx) => {
    const ac = await acOrFail(tx, p.districtId, p.acId);
    await judgeAc(tx, p.actor, 'set.manage', ac);
    await repo.lockAc(tx, p.districtId, ac.id);
    const rules = await rulesOf(tx);
    const numbers = [...new Set(p.stationNumbers)];
    const [min, max] = [rules.psPerSectorOfficerMin, rules.psPerSectorOfficer];
    if (numbers.length < min || numbers.length > max) {
      throw new Rollback(failure('sector_station_count', `Sector officer ${p.officerName} of ${acLabel(ac)} would cover ${numbers.length} polling stations; a sector officer covers ${min} to ${max}`,
        { ...acParams(ac), officerName: p.officerName, count: numbers.length, min, max }));
    }
    const stations = await repo.stationsOf(tx, p.districtId, ac.id);
    const sectors = await repo.listSectors(tx, p.districtId, ac.id);
    const ids: number[] = [];
    for (const n of numbers) {
      const station = stations.find((s) => s.number === n);
      if (!station) throw new Rollback(failure('invalid_input', `${acLabel(ac)} has no polling station ${n}`, { ...acParams(ac), stationNumber: n }));
      const other = sectors.find((s) => s.stationIds.includes(station.id));
      if (other) throw new Rollback(failure('invalid_input', `${psLabel(station)} is already in the sector of ${other.officerName} (${other.code})`, { ...acParams(ac), stationNumber: n, stationName: station.name }));
      ids.push(station.id);
    }
    const units = await repo.unitsBySerial(tx, p.districtId, p.serials);
    const reserve = new Set((await repo.unitsInState(tx, p.districtId, ac.id, ['commissioned'])).map((u) => u.serial));
    for (const serial of p.serials) {
      const u = units.get(serial);
      const inSet = await repo.findSetOfMember(tx, p.districtId, serial);
      if (!u || !reserve.has(serial) || inSet !== undefined) {
        throw new Rollback(failure('invalid_input', `Unit ${serial} is not a commissioned AC reserve unit of ${acLabel(ac)}${inSet !== undefined ? ' (it is in a set)' : u ? ` (it is ${u.state.replaceAll('_', ' ')})` : ''}`, { ...acParams(ac), serial }));
      }
    }
    const code = `SEC-${ac.number}-${sectors.length + 1}`;
    const reason = `${code}: reserve to sector officer ${p.officerName}, vehicle ${p.vehicleId}, for PS ${numbers.join(', ')}`;
    const vehicle = await repo.vehicleLocation(tx, { districtId: p.districtId, acId: ac.id, vehicleId: p.vehicleId });
    await applyUnitEventsInTx(tx, p.districtId, await groupedEvents(tx, p, p.serials, 'issue_to_sector_officer', { reason, toLocationId: vehicle.id }));
    await repo.insertSector(tx, { districtId: p.districtId, acId: ac.id, code, officerName: p.officerName, vehicleId: p.vehicleId, stationIds: ids, serials: p.serials, by: p.actor.userId, now: p.now });
    return acSetsView(tx, p.districtId, ac.id);
  });
}

function commissioningOf(s: repo.SetRow): SetCommissioningView | null {
  if (!s.commissioning || !s.commissionedAt) return null;
  const raw = (typeof s.commissioning === 'string' ? JSON.parse(s.commissioning) : s.commissioning) as Omit<SetCommissioningView, 'by' | 'at'>;
  return { ...raw, by: s.commissionedBy ?? '', at: s.commissionedAt.toISOString() };
}

async function setViews(db: Queryable, districtId: number, sets: readonly repo.SetRow[], sampleCodes: readonly string[]): Promise<SetView[]> {
  const members = await repo.listMembers(db, districtId, sets.map((s) => s.id));
  const units = await repo.unitsBySerial(db, districtId, members.map((m) => m.serial));
  const routes = new Map<number, repo.RouteRow>();
  for (const id of new Set(sets.flatMap((s) => (s.routeId === null ? [] : [s.routeId])))) {
    const r = await repo.findRoute(db, districtId, id);
    if (r) routes.set(id, r);
  }
  const bySet = new Map<number, repo.MemberRow[]>();
  for (const m of members) bySet.set(m.setId, [...(bySet.get(m.setId) ?? []), m]);
  return sets.map((s) => {
    const all = bySet.get(s.id) ?? [];
    const route = s.routeId === null ? undefined : routes.get(s.routeId);
    return {
      id: s.id, code: s.code, station: { id: s.stationId, number: s.stationNumber, name: s.stationName }, version: s.version, status: s.status,
      members: all.filter((m) => m.toVersion === null).map((m): SetMemberView => ({ serial: m.serial, kind: m.kind, state: units.get(m.serial)?.state ?? 'assigned_ps' })),
      replacements: all.filter((m) => m.toVersion !== null).map((m) => ({ oldSerial: m.serial, newSerial: m.replacedBy ?? '', kind: m.kind, faultCode: m.faultCode ?? '', version: m.toVersion ?? 0 })),
      sampled: sampleCodes.includes(s.code),
      commissioning: commissioningOf(s),
      issue: route && s.partyId && s.issuedAt ? { routeCode: route.code, vehicleId: route.vehicleId, partyId: s.partyId, at: s.issuedAt.toISOString() } : null,
    };
  });
}

async function setView(db: Queryable, districtId: number, setId: number): Promise<SetView> {
  const set = await repo.findSet(db, districtId, setId);
  if (!set) throw new Error('unreachable: the set exists');
  const sample = await repo.findSample(db, districtId, set.acId);
  const [view] = await setViews(db, districtId, [set], sample?.codes ?? []);
  if (!view) throw new Error('unreachable: one set, one view');
  return view;
}

async function routeViews(db: Queryable, districtId: number, routes: readonly repo.RouteRow[]): Promise<RouteView[]> {
  const stops = await repo.listStops(db, districtId, routes.map((r) => r.id));
  const sets = new Map<number, repo.SetRow>();
  for (const s of stops) {
    const set = await repo.findSetByStation(db, districtId, s.stationId);
    if (set) sets.set(s.stationId, set);
  }
  return routes.map((r) => ({
    id: r.id, code: r.code, name: r.name, vehicleId: r.vehicleId,
    stops: stops.filter((s) => s.routeId === r.id).map((s) => {
      const set = sets.get(s.stationId);
      return { stationNumber: s.stationNumber, stationName: s.stationName, partyId: s.partyId, setCode: set?.code ?? null, issued: set?.status === 'issued' && set.routeId === r.id };
    }),
  }));
}

/** Everything the sets screen shows for one AC. */
export async function acSetsView(db: Queryable, districtId: number, acId: number): Promise<AcSetsView> {
  const ac = await repo.findAc(db, districtId, acId);
  if (!ac) throw new Rollback(failure('not_found', `AC ${acId} is not in this district`, { acId }));
  const rules = await rulesOf(db);
  const cand = await repo.candidatesOf(db, districtId, acId);
  const ceremony = await repo.secondCeremony(db, districtId, acId);
  const stations = await repo.stationsOf(db, districtId, acId);
  let busAssigned: number | null = null;
  if (ceremony) {
    const byTarget = await allocationByTarget(db, districtId, ceremony.id);
    const first = stations[0];
    const units = first ? await repo.unitsBySerial(db, districtId, byTarget.get(psTarget(first.number)) ?? []) : new Map<string, repo.UnitBrief>();
    busAssigned = [...units.values()].filter((u) => u.kind === 'BU').length;
  }
  const sample = await repo.findSample(db, districtId, acId);
  const sets = await setViews(db, districtId, await repo.listSets(db, districtId, acId), sample?.codes ?? []);
  const inSets = new Set(sets.flatMap((s) => s.members.map((m) => m.serial)));
  const reserves = (await repo.unitsInState(db, districtId, acId, ['ac_reserve', 'commissioned', 'with_sector_officer']))
    .filter((u) => !inSets.has(u.serial)).map((u) => ({ serial: u.serial, kind: u.kind, state: u.state }));
  const sectors = await repo.listSectors(db, districtId, acId);
  const numberOf = new Map(stations.map((s) => [s.id, s.number]));
  const busPerStation = cand?.busPerStation ?? null;
  return {
    ac: { id: ac.id, number: ac.number, name: ac.name },
    candidates: cand?.candidates ?? null,
    busPerStation,
    maxBuPerCu: tightestCuModel(await cuModelsOf(db, districtId, ceremony?.id), rules).limit,
    ceremony: ceremony ?? null,
    busAssignedPerStation: busAssigned,
    extraBusNeeded: busPerStation !== null && busAssigned !== null ? Math.max(0, busPerStation - busAssigned) * stations.length : 0,
    stations: stations.length,
    sets,
    reserves,
    sample: sample ?? null,
    routes: await routeViews(db, districtId, await repo.listRoutes(db, districtId, acId)),
    sectors: sectors.map((s) => ({ id: s.id, code: s.code, officerName: s.officerName, vehicleId: s.vehicleId, stationNumbers: s.stationIds.map((id) => numberOf.get(id) ?? 0), serials: s.serials })),
  } satisfies AcSetsView;
}

export async function acSets(db: Db, districtId: number, acId: number): Promise<Result<AcSetsView, SetsFailure>> {
  try {
    return ok(await acSetsView(db, districtId, acId));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

/** The set of a polling station, for the map's station panel (null before it is built). */
export async function stationSet(db: Db, districtId: number, stationId: number): Promise<{ set: SetView | null }> {
  const set = await repo.findSetByStation(db, districtId, stationId);
  return { set: set ? await setView(db, districtId, set.id) : null };
}
