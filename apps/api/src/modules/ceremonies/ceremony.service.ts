/**
 * Randomisation ceremonies (issue 8): EVMRAND/1 (packages/shared/src/rand) as a workflow. Every
 * step changes the ceremony and appends its RAND_* entry in one transaction; the pool is always
 * computed here from unit state, never taken from the client.
 */
import {
  allocate, buLimitBreach, ceremonyRunnerRole, checkReveal, mayRunCeremony, DEFAULT_ELECTION_RULES, ElectionRulesSchema, err, freezeDemand, freezePool, ok, seedFrom, UNIT_KINDS,
  type CeremonyDetail, type CeremonyFiles, type CeremonyStage, type CeremonySummary, type DemandRow, type ElectionRules,
  busPerPollingStation, type RandError, type Result, type UnitKind,
} from '@evmtrail/shared';

import type { Db, Queryable, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { verifyPassword } from '../auth/password.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import { applyUnitEventsInTx } from '../units/unit-batch.service.ts';
import { appendEventEntries, type UnitEventInput } from '../units/unit.service.ts';
import { currentFlcCycle } from '../units/unit.repository.ts';
import { flcEligiblePool } from '../flc/flc-eligibility.ts';
import { flcSampleDraw } from '../flc/flc-sample.ts';
import * as repo from './ceremony.repository.ts';

/** Any domain failure: the unit service's refusals pass through when finalising moves units. */
export type CeremonyFailure = Failure;

const POOL_KINDS: readonly UnitKind[] = UNIT_KINDS;

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, CeremonyFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

function randFailure(e: RandError): Rollback {
  const params: Record<string, string | number> = {};
  if (e.serial) params.serial = e.serial;
  if (e.party) params.party = e.party;
  if (e.kind) params.kind = e.kind;
  if (e.field) params.field = e.field;
  if (e.line !== undefined) params.line = e.line;
  return new Rollback(failure(e.type, e.message, params));
}

export function ceremonyNotFound(ceremonyId: number): Failure<'not_found'> {
  return failure('not_found', `Ceremony ${ceremonyId} not found in this district`, { ceremonyId });
}

/** A code the seed accepts (upper-case letters, digits, '-'). */
function seedCode(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9-]+/g, '-').slice(0, 64);
}

/** Candidates past the CU model's BU limit, named by the AC (shared buLimitBreach). */
export function buLimitFailure(ac: { number: number; name: string }, candidates: number, b: NonNullable<ReturnType<typeof buLimitBreach>>): Failure<'bu_per_cu_limit'> {
  return failure('bu_per_cu_limit',
    `AC ${ac.number} ${ac.name}: ${candidates} candidates and NOTA need ${b.bus} BUs per station, but an ${b.model} CU takes at most ${b.limit} BUs (${b.most} candidates)`,
    { acNumber: ac.number, acName: ac.name, candidates, bus: b.bus, limit: b.limit, model: b.model, most: b.most });
}

export function acScope(acNumber: number): string {
  return `AC-${String(acNumber).padStart(3, '0')}`;
}

export function psTarget(psNumber: number): string {
  return `PS-${String(psNumber).padStart(3, '0')}`;
}

function withReserve(n: number, pct: number): number {
  return Math.ceil(n * (1 + pct / 100) - 1e-9);
}

/** The judged run action for a stage: DEO for district draws, the RO of the AC for AC draws. */
async function judgeRun(tx: Queryable, actor: Actor, place: { stateId: number; districtId: number; acId: number | null }, stage: CeremonyStage): Promise<void> {
  if (stage === 'flc_sample') return judgeFlcSampleRun(tx, actor, place);
  const verdict = await judge(tx, actor, 'ceremony.run', { stateId: place.stateId, districtId: place.districtId, ...(place.acId !== null ? { acId: place.acId } : {}) });
  if (!verdict.ok) throw new Rollback(verdict.error);
  const wanted = ceremonyRunnerRole({ stage, acId: place.acId });
  if (actor.role !== wanted) {
    const what = stage === 'first' ? 'the first randomisation' : stage === 'second' ? 'the second randomisation' : 'a supplementary randomisation';
    throw new Rollback(failure('forbidden', `The ${actor.role} role may not run ${what}${place.acId === null ? ' of a district: the DEO runs it' : ' of an AC: the RO of the AC runs it'}`, { role: actor.role, action: 'ceremony.run' }));
  }
}

export interface CreateCeremonyParams {
  actor: Actor; districtId: number; now: Date; stage: CeremonyStage; acId?: number | undefined;
  reservePct?: Record<UnitKind, number> | undefined; acIds?: readonly number[] | undefined; training?: Record<UnitKind, number> | undefined;
  candidates?: number | undefined; extra?: Record<UnitKind, number> | undefined; serials?: readonly string[] | undefined;
  flcCampaignId?: number | undefined;
}

/**
 * Freezes the pool (eligible units only, computed here) and the demand, publishes P and Q:
 * one ceremony row and its RAND_FREEZE entry in one transaction.
 */
export async function createCeremony(db: Db, p: CreateCeremonyParams): Promise<Result<CeremonySummary, CeremonyFailure>> {
  if (p.stage === 'flc_sample') return createFlcSampleCeremony(db, p);
  return inTransaction(db, async (tx) => {
    const district = await repo.findDistrictRow(tx, p.districtId);
    if (!district) throw new Rollback(failure('not_found', `District ${p.districtId} not found`, {}));
    const ac = p.acId === undefined ? undefined : await repo.findAcRow(tx, p.districtId, p.acId);
    if (p.acId !== undefined && !ac) throw new Rollback(failure('not_found', `AC ${p.acId} is not in this district`, { acId: p.acId }));
    if (p.stage === 'first' && ac) throw new Rollback(failure('invalid_input', 'The first randomisation draws for the whole district: name no AC', {}));
    if (p.stage === 'second' && !ac) throw new Rollback(failure('invalid_input', 'The second randomisation is for one AC: name the AC', {}));
    await judgeRun(tx, p.actor, { stateId: district.stateId, districtId: p.districtId, acId: ac?.id ?? null }, p.stage);

    const election = await repo.currentElection(tx);
    const rules: ElectionRules = election ? ElectionRulesSchema.parse(election.rules ?? {}) : DEFAULT_ELECTION_RULES;
    const defaults = p.stage === 'second' ? rules.reserveSecondRand : rules.reserveFirstRand;
    const pct = p.reservePct ?? { BU: defaults.bu * 100, CU: defaults.cu * 100, VVPAT: defaults.vvpat * 100 };

    // The pool: eligible units of the right jurisdiction, from unit state.
    const cycle = await currentFlcCycle(tx);
    // An AC's pool: the second randomisation draws from its AC strongroom; an AC supplementary
    // from what the AC holds unassigned (its strongroom and its reserve).
    const eligible = ac && p.stage !== 'first'
      ? await repo.acPoolUnits(tx, p.districtId, ac.id, p.stage === 'second' ? ['in_ac_strongroom'] : ['in_ac_strongroom', 'ac_reserve'], cycle)
      // The first randomisation's pool is FLC's one eligibility rule (FLC-OK this cycle, no hold).
      : await flcEligiblePool(tx, { districtId: p.districtId, kinds: ['BU', 'CU', 'VVPAT'] });
    let units = eligible;
    if (p.serials && p.serials.length > 0) {
      const bySerial = new Map(eligible.map((u) => [u.serial, u]));
      const picked = [];
      for (const serial of p.serials) {
        const unit = bySerial.get(serial);
        if (!unit) {
          const why = await repo.whyIneligible(tx, p.districtId, serial, cycle);
          throw new Rollback(failure('ceremony_ineligible', `Unit ${serial} cannot be in this pool: ${why}`, { serial }));
        }
        picked.push(unit);
      }
      units = picked;
    }
    const pool = freezePool(units.map((u) => ({ kind: u.kind as UnitKind, serial: u.serial })));
    if (!pool.ok) throw randFailure(pool.error);

    const rows: DemandRow[] = [];
    if (p.stage === 'first') {
      const all = await repo.acsWithStations(tx, p.districtId);
      for (const acId of p.acIds ?? []) {
        if (!all.some((a) => a.id === acId)) throw new Rollback(failure('invalid_input', `AC ${acId} is not an AC of this district with polling stations`, { acId }));
      }
      for (const a of all.filter((x) => !p.acIds || p.acIds.includes(x.id))) {
        for (const kind of POOL_KINDS) {
          const count = withReserve(a.stations, pct[kind]);
          if (count > 0) rows.push({ kind, target: acScope(a.number), count });
        }
      }
      for (const kind of POOL_KINDS) {
        const count = p.training?.[kind] ?? 0;
        if (count > 0) rows.push({ kind, target: 'TRAINING', count });
      }
    } else if (p.stage === 'second' && ac) {
      const candidates = p.candidates ?? 1;
      const bus = busPerPollingStation(candidates, rules);
      // The pool's CUs decide the BU limit.
      const models = await repo.cuModels(tx, p.districtId, units.filter((u) => u.kind === 'CU').map((u) => u.serial));
      const breach = buLimitBreach(candidates, models, rules);
      if (breach) throw new Rollback(buLimitFailure(ac, candidates, breach));
      for (const ps of await repo.pollingStations(tx, p.districtId, ac.id)) {
        rows.push({ kind: 'BU', target: psTarget(ps), count: bus }, { kind: 'CU', target: psTarget(ps), count: 1 }, { kind: 'VVPAT', target: psTarget(ps), count: 1 });
      }
    } else {
      const target = ac ? acScope(ac.number) : 'EXTRA';
      for (const kind of POOL_KINDS) {
        const count = p.extra?.[kind] ?? 0;
        if (count > 0) rows.push({ kind, target, count });
      }
    }
    if (rows.length === 0) throw new Rollback(failure('invalid_input', 'The demand is empty: nothing to draw', {}));
    const demand = freezeDemand(rows);
    if (!demand.ok) throw randFailure(demand.error);
    for (const kind of POOL_KINDS) {
      const need = demand.value.rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.count, 0);
      const have = pool.value.byKind[kind].length;
      if (need > have) throw new Rollback(failure('rand_pool_too_small', `The pool has ${have} eligible ${kind} unit(s) but the demand asks for ${need}`, { kind }));
    }

    const scope = ac ? acScope(ac.number) : seedCode(district.code);
    const n = (await repo.countCeremonies(tx, p.districtId)) + 1;
    const prefix = p.stage === 'first' ? 'R1' : p.stage === 'second' ? 'R2' : 'RS';
    const code = `${prefix}-${scope}-${n}`;
    const id = await repo.insertCeremony(tx, {
      districtId: p.districtId, code, stage: p.stage, acId: ac?.id ?? null, electionId: seedCode(election?.code ?? 'ELECTION'), scope,
      poolCsv: pool.value.csv, poolHash: pool.value.hash, demandCsv: demand.value.csv, demandHash: demand.value.hash,
      reservePct: JSON.stringify(pct), createdBy: p.actor.userId, now: p.now,
    });
    const counts = POOL_KINDS.map((k) => `${pool.value.byKind[k].length} ${k}`).join(', ');
    await log(tx, p, scope, 'RAND_FREEZE', [], `Ceremony ${code} (${p.stage}) frozen: P=${pool.value.hash} Q=${demand.value.hash}; pool ${counts}`);
    return summaryOf(tx, p.districtId, id);
  });
}

async function log(tx: Tx, p: { districtId: number; actor: Actor; now: Date }, scope: string, type: string, units: readonly string[], reason: string): Promise<void> {
  await appendEventEntries(tx, p.districtId, [{ type, units: [...units], from: scope, to: scope, actor: p.actor.username, reason }], p.now);
}

interface StepParams { actor: Actor; districtId: number; ceremonyId: number; now: Date }

async function locked(tx: Tx, p: StepParams, allowed: readonly string[], step: string): Promise<repo.CeremonyRow> {
  const c = await repo.findCeremony(tx, p.districtId, p.ceremonyId, true);
  if (!c) throw new Rollback(ceremonyNotFound(p.ceremonyId));
  if (!allowed.includes(c.status)) {
    throw new Rollback(failure('ceremony_state', `Ceremony ${c.code} is ${c.status}: it cannot ${step}`, { code: c.code, status: c.status }));
  }
  return c;
}

async function judgeCommit(tx: Tx, actor: Actor, c: repo.CeremonyRow): Promise<void> {
  const verdict = await judge(tx, actor, 'ceremony.commit', { stateId: c.stateId, districtId: c.districtId, ...(c.acId !== null ? { acId: c.acId } : {}) });
  if (!verdict.ok) throw new Rollback(verdict.error);
}

export async function registerCommitment(db: Db, p: StepParams & { party: string; commitment: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await repo.findCeremony(tx, p.districtId, p.ceremonyId, true);
    if (!c) throw new Rollback(ceremonyNotFound(p.ceremonyId));
    await judgeCommit(tx, p.actor, c);
    if (c.status !== 'committing') {
      throw new Rollback(failure('ceremony_state', `Ceremony ${c.code}: commitments closed when the dice were entered; party ${p.party} cannot commit now`, { code: c.code, party: p.party }));
    }
    if (!(await repo.insertParty(tx, { districtId: p.districtId, ceremonyId: c.id, party: p.party, commitment: p.commitment, by: p.actor.userId, now: p.now }))) {
      throw new Rollback(failure('rand_duplicate', `Ceremony ${c.code}: party ${p.party} has already committed`, { code: c.code, party: p.party }));
    }
    await log(tx, p, c.scope, 'RAND_COMMIT', [], `Ceremony ${c.code}: party ${p.party} committed ${p.commitment}`);
    return detailOf(tx, p.districtId, c.id);
  });
}

/** The public dice: once, while commitments are open; closes the commitments. Never after a reveal. */
export async function enterDice(db: Db, p: StepParams & { dice: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await repo.findCeremony(tx, p.districtId, p.ceremonyId, true);
    if (!c) throw new Rollback(ceremonyNotFound(p.ceremonyId));
    await judgeRun(tx, p.actor, c, c.stage);
    if (c.status !== 'committing') {
      throw new Rollback(failure('ceremony_state', `Ceremony ${c.code}: the dice were entered already (${c.dice ?? ''}) and cannot change`, { code: c.code, status: c.status }));
    }
    await repo.updateCeremony(tx, p.districtId, c.id, { status: 'revealing', dice: p.dice, diceBy: p.actor.userId, diceAt: p.now });
    await log(tx, p, c.scope, 'RAND_DICE', [], `Ceremony ${c.code}: dice ${p.dice}; commitments closed`);
    return detailOf(tx, p.districtId, c.id);
  });
}

export async function openReveal(db: Db, p: StepParams & { party: string; reveal: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await locked(tx, p, ['revealing'], `take the reveal of party ${p.party} (reveals are taken after the dice, before the allocation)`);
    await judgeCommit(tx, p.actor, c);
    const party = await repo.findParty(tx, p.districtId, c.id, p.party);
    if (!party) throw new Rollback(failure('rand_reveal_mismatch', `Ceremony ${c.code}: party ${p.party} made no commitment before the dice; its slot stays '-'`, { code: c.code, party: p.party }));
    if (party.reveal !== null) throw new Rollback(failure('rand_duplicate', `Ceremony ${c.code}: party ${p.party} has already revealed`, { code: c.code, party: p.party }));
    const checked = checkReveal({ party: p.party, commitment: party.commitment, reveal: p.reveal });
    if (!checked.ok) throw randFailure(checked.error);
    await repo.setReveal(tx, { districtId: p.districtId, ceremonyId: c.id, party: p.party, reveal: p.reveal, by: p.actor.userId, now: p.now });
    await log(tx, p, c.scope, 'RAND_REVEAL', [], `Ceremony ${c.code}: party ${p.party} revealed ${p.reveal} (opens its commitment)`);
    return detailOf(tx, p.districtId, c.id);
  });
}

/** Closes the reveals (unopened: WITHHELD), builds the seed and the allocation, stores the bytes. */
export async function computeAllocation(db: Db, p: StepParams): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await locked(tx, p, ['revealing'], 'compute the allocation (enter the dice first; an allocation is computed once)');
    await judgeRun(tx, p.actor, c, c.stage);
    const parties = await repo.listParties(tx, p.districtId, c.id);
    const seed = seedFrom({
      electionId: c.electionId, stage: c.stage === 'second' ? '2' : '1', scope: c.scope, poolHash: c.poolHash, demandHash: c.demandHash,
      dice: c.dice ?? '', parties: parties.map((x) => ({ party: x.party, commitment: x.commitment, reveal: x.reveal })),
    });
    if (!seed.ok) throw randFailure(seed.error);
    const pool = freezePool(parsePoolRows(c.poolCsv));
    const demand = freezeDemand(parseDemandRows(c.demandCsv));
    if (!pool.ok) throw randFailure(pool.error);
    if (!demand.ok) throw randFailure(demand.error);
    const allocation = allocate({ pool: pool.value, demand: demand.value, seed: seed.value });
    if (!allocation.ok) throw randFailure(allocation.error);
    const rows: repo.AllocationInsert[] = [];
    for (const kind of POOL_KINDS) {
      const k = allocation.value.byKind[kind];
      let position = 0;
      for (const block of k.blocks) {
        for (const serial of block.serials) rows.push({ kind, serial, target: block.target, reserve: false, position, ticket: k.order.ticket(position++) });
      }
      for (const serial of k.reserve) rows.push({ kind, serial, target: allocation.value.reserveTarget, reserve: true, position, ticket: k.order.ticket(position++) });
    }
    await repo.insertAllocation(tx, p.districtId, c.id, rows);
    await repo.updateCeremony(tx, p.districtId, c.id, {
      status: 'allocated', seed: seed.value, allocationCsv: allocation.value.csv, allocationHash: allocation.value.hash, allocatedBy: p.actor.userId, allocatedAt: p.now,
    });
    await log(tx, p, c.scope, 'RAND_ALLOCATE', [], `Ceremony ${c.code}: seed ${seed.value}; sha256(allocation.csv)=${allocation.value.hash}`);
    return detailOf(tx, p.districtId, c.id);
  });
}

function parsePoolRows(csv: string): { kind: UnitKind; serial: string }[] {
  return csv.split('\n').filter((l) => l !== '').map((l) => {
    const [kind, serial] = l.split(',');
    return { kind: kind as UnitKind, serial: serial ?? '' };
  });
}

function parseDemandRows(csv: string): DemandRow[] {
  return csv.split('\n').filter((l) => l !== '').map((l) => {
    const [kind, target, count] = l.split(',');
    return { kind: kind as UnitKind, target: target ?? '', count: Number(count) };
  });
}

/**
 * The observer's cosignature (their password again). Finalising the first randomisation allocates
 * the units to their ACs (allocate_poll / allocate_training), the second assigns them to their
 * polling stations (assign_ps / assign_reserve), through the unit service in this transaction.
 */
export async function finaliseCeremony(db: Db, p: StepParams & { password: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await repo.findCeremony(tx, p.districtId, p.ceremonyId, true);
    if (!c) throw new Rollback(ceremonyNotFound(p.ceremonyId));
    const verdict = await judge(tx, p.actor, 'ceremony.finalise', { stateId: c.stateId, districtId: c.districtId, ...(c.acId !== null ? { acId: c.acId } : {}) });
    if (!verdict.ok) throw new Rollback(verdict.error);
    if (c.status === 'finalised') throw new Rollback(failure('ceremony_state', `Ceremony ${c.code} is already finalised: it cannot be finalised twice`, { code: c.code, status: c.status }));
    if (c.status !== 'allocated') throw new Rollback(failure('ceremony_state', `Ceremony ${c.code} is ${c.status}: only a computed allocation can be finalised`, { code: c.code, status: c.status }));
    const hash = await repo.passwordHashOf(tx, p.actor.userId);
    if (!hash || !(await verifyPassword(hash, p.password))) {
      throw new Rollback(failure('ceremony_password', `The password of ${p.actor.username} is not right: the cosignature was not made`, { holderName: p.actor.username }));
    }
    const runner = await repo.actorOf(tx, c.allocatedBy ?? c.createdBy);
    if (c.stage !== 'second' && c.stage !== 'flc_sample' && c.acId === null) {
      const rows = await repo.listAllocation(tx, p.districtId, c.id);
      const acs = await repo.acsByScope(tx, p.districtId);
      const groups = new Map<string, string[]>();
      for (const r of rows) {
        if (r.reserve) continue;
        groups.set(r.target, [...(groups.get(r.target) ?? []), r.serial]);
      }
      const trainingAc = [...acs.values()][0];
      const events: UnitEventInput[] = [];
      for (const [target, serials] of groups) {
        const acId = target === 'TRAINING' ? trainingAc : acs.get(target);
        if (acId === undefined) continue;
        events.push({
          actor: runner, districtId: p.districtId, serials, event: target === 'TRAINING' ? 'allocate_training' : 'allocate_poll', toAcId: acId,
          reason: `Ceremony ${c.code} (sha256(allocation.csv)=${c.allocationHash ?? ''}) to ${target}`, now: p.now,
        });
      }
      if (events.length > 0) await applyUnitEventsInTx(tx, p.districtId, events);
    } else if (c.stage === 'second') {
      const rows = await repo.listAllocation(tx, p.districtId, c.id);
      const assigned = rows.filter((r) => !r.reserve).map((r) => r.serial);
      const reserve = rows.filter((r) => r.reserve).map((r) => r.serial);
      const reason = `Ceremony ${c.code}, sha256(allocation.csv)=${c.allocationHash ?? ''}`;
      const events: UnitEventInput[] = [];
      if (assigned.length > 0) events.push({ actor: runner, districtId: p.districtId, serials: assigned, event: 'assign_ps', reason, now: p.now });
      if (reserve.length > 0) events.push({ actor: runner, districtId: p.districtId, serials: reserve, event: 'assign_reserve', reason, now: p.now });
      if (events.length > 0) await applyUnitEventsInTx(tx, p.districtId, events);
    }
    await repo.updateCeremony(tx, p.districtId, c.id, { status: 'finalised', finalisedBy: p.actor.userId, finalisedAt: p.now });
    await log(tx, p, c.scope, 'RAND_FINALISE', [], `Ceremony ${c.code} finalised (sha256(allocation.csv)=${c.allocationHash ?? ''}); cosigned by observer ${p.actor.username}`);
    return detailOf(tx, p.districtId, c.id);
  });
}

export async function abandonCeremony(db: Db, p: StepParams & { reason: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await locked(tx, p, ['committing', 'revealing', 'allocated'], 'be abandoned (a finalised or abandoned ceremony stays as it is; a new draw needs a new ceremony)');
    await judgeRun(tx, p.actor, c, c.stage);
    await repo.updateCeremony(tx, p.districtId, c.id, { status: 'abandoned', abandonedBy: p.actor.userId, abandonedAt: p.now, abandonReason: p.reason });
    await log(tx, p, c.scope, 'RAND_ABANDON', [], `Ceremony ${c.code} abandoned: ${p.reason}`);
    return detailOf(tx, p.districtId, c.id);
  });
}

/** A unit of a finalised allocation replaced by the next unused reserve unit of its kind, in ticket order. */
export async function replaceUnit(db: Db, p: StepParams & { serial: string; reason: string }): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await locked(tx, p, ['finalised'], `replace unit ${p.serial} (only a finalised allocation has replacements)`);
    await judgeRun(tx, p.actor, c, c.stage);
    await replaceFromReserveInTx(tx, c, p);
    return detailOf(tx, p.districtId, c.id);
  });
}

/**
 * The one reserve rule: the next unused reserve unit of the replaced unit's kind in ticket order
 * takes its place, recorded with its RAND_REPLACE entry in the caller's transaction. The caller
 * has locked the finalised ceremony and judged the actor (the RO here; commissioning, where the
 * RO's engineers record a failure, judges its own action). Returns the replacement's serial.
 */
export async function replaceFromReserveInTx(tx: Tx, c: repo.CeremonyRow, p: { actor: Actor; districtId: number; now: Date; serial: string; reason: string }): Promise<{ serial: string; kind: string; target: string }> {
  const rows = await repo.listAllocation(tx, p.districtId, c.id);
  const replacements = await repo.listReplacements(tx, p.districtId, c.id);
  const gone = new Set(replacements.map((r) => r.oldSerial));
  const used = new Set(replacements.map((r) => r.newSerial));
  const current = new Map<string, { kind: string; target: string }>();
  for (const r of rows) if (!r.reserve) current.set(r.serial, r);
  for (const r of replacements) current.set(r.newSerial, { kind: r.kind, target: r.target });
  const old = current.get(p.serial);
  if (!old || gone.has(p.serial)) {
    const ac = c.acId === null ? undefined : await repo.findAcRow(tx, p.districtId, c.acId);
    const where = ac ? ` for AC ${ac.number} ${ac.name}` : '';
    throw new Rollback(failure('ceremony_not_in_allocation', `Unit ${p.serial} is not in the allocation of ceremony ${c.code}${where}`, {
      serial: p.serial, code: c.code, ...(ac ? { acNumber: ac.number, acName: ac.name } : {}),
    }));
  }
  const next = rows.find((r) => r.reserve && r.kind === old.kind && !used.has(r.serial));
  if (!next) throw new Rollback(failure('rand_pool_too_small', `Ceremony ${c.code}: no unused ${old.kind} reserve unit is left`, { kind: old.kind, code: c.code }));
  await repo.insertReplacement(tx, { districtId: p.districtId, ceremonyId: c.id, kind: old.kind, target: old.target, oldSerial: p.serial, newSerial: next.serial, reason: p.reason, by: p.actor.userId, now: p.now });
  await log(tx, p, c.scope, 'RAND_REPLACE', [p.serial, next.serial], `Ceremony ${c.code}: ${p.serial} replaced by ${next.serial} (${old.target}, next reserve in ticket order): ${p.reason}`);
  return { serial: next.serial, kind: old.kind, target: old.target };
}

export async function listCeremonies(db: Db, districtId: number, acId?: number): Promise<CeremonySummary[]> {
  const ids = await repo.listCeremonyIds(db, districtId, acId);
  const out: CeremonySummary[] = [];
  for (const id of ids) {
    const s = await repo.summary(db, districtId, id);
    if (s) out.push(s);
  }
  return out;
}

export async function ceremonyDetail(db: Db, districtId: number, ceremonyId: number): Promise<Result<CeremonyDetail, CeremonyFailure>> {
  const d = await repo.detail(db, districtId, ceremonyId);
  return d ? ok(d) : err(ceremonyNotFound(ceremonyId));
}

export async function ceremonyFiles(db: Db, districtId: number, ceremonyId: number): Promise<Result<CeremonyFiles, CeremonyFailure>> {
  const c = await repo.findCeremony(db, districtId, ceremonyId, false);
  if (!c) return err(ceremonyNotFound(ceremonyId));
  return ok({
    code: c.code, poolCsv: c.poolCsv, poolHash: c.poolHash, demandCsv: c.demandCsv, demandHash: c.demandHash,
    seed: c.seed, allocationCsv: c.allocationCsv, allocationHash: c.allocationHash,
  });
}

async function summaryOf(tx: Tx, districtId: number, id: number): Promise<CeremonySummary> {
  const s = await repo.summary(tx, districtId, id);
  if (!s) throw new Error('unreachable: the ceremony was just written');
  return s;
}

async function detailOf(tx: Tx, districtId: number, id: number): Promise<CeremonyDetail> {
  const d = await repo.detail(tx, districtId, id);
  if (!d) throw new Error('unreachable: the ceremony is locked');
  return d;
}


// ---------------------------------------------------------------------------------------------
// FLC mock-poll sample (issue 9 item 3): its own branch of the ceremony, kept apart from the
// randomisations above. The pool and the demand come from the FLC module (flc/flc-sample.ts); the
// steps after the freeze (commitments, dice, reveals, allocation, the observer's cosignature)
// are the ceremony's own, and finalising moves no unit. The seed's stage field is '1' (EVMRAND/1
// knows stages 1 and 2 only; a sample is a district-level draw like the first randomisation) and
// its scope the district code; P and Q bind it to this campaign's pool and tiers.
// ---------------------------------------------------------------------------------------------

/** The FLC supervisor (Dy. DEO) or the DEO of the district draws the sample (flc.run, judged at the district). */
async function judgeFlcSampleRun(tx: Queryable, actor: Actor, place: { stateId: number; districtId: number; acId: number | null }): Promise<void> {
  const verdict = await judge(tx, actor, 'flc.run', { stateId: place.stateId, districtId: place.districtId });
  if (!verdict.ok) throw new Rollback(verdict.error);
  if (!mayRunCeremony(actor.role, { stage: 'flc_sample', acId: null })) {
    throw new Rollback(failure('forbidden', `The ${actor.role} role may not draw the FLC mock-poll sample: the DEO or the FLC supervisor draws it`, { role: actor.role, action: 'ceremony.run' }));
  }
}

async function createFlcSampleCeremony(db: Db, p: CreateCeremonyParams): Promise<Result<CeremonySummary, CeremonyFailure>> {
  return inTransaction(db, async (tx) => {
    const district = await repo.findDistrictRow(tx, p.districtId);
    if (!district) throw new Rollback(failure('not_found', `District ${p.districtId} not found`, {}));
    if (p.flcCampaignId === undefined) throw new Rollback(failure('invalid_input', 'The FLC mock-poll sample is drawn for one FLC campaign: name the campaign', {}));
    await judgeFlcSampleRun(tx, p.actor, { stateId: district.stateId, districtId: p.districtId, acId: null });
    const draw = await flcSampleDraw(tx, { districtId: p.districtId, campaignId: p.flcCampaignId });
    const pool = freezePool(draw.units.map((u) => ({ kind: u.kind as UnitKind, serial: u.serial })));
    if (!pool.ok) throw randFailure(pool.error);
    const demand = freezeDemand(draw.demand);
    if (!demand.ok) throw randFailure(demand.error);
    const need = draw.demand.reduce((s, r) => s + r.count, 0);
    if (need > draw.units.length) {
      throw new Rollback(failure('rand_pool_too_small', `FLC campaign ${draw.campaignCode} has ${draw.units.length} FLC-OK CU(s) but its mock-poll sample asks for ${need}`, { kind: 'CU', campaign: draw.campaignCode }));
    }
    const election = await repo.currentElection(tx);
    const scope = seedCode(district.code);
    const n = (await repo.countCeremonies(tx, p.districtId)) + 1;
    const code = `MP-${scope}-${n}`;
    const id = await repo.insertCeremony(tx, {
      districtId: p.districtId, code, stage: 'flc_sample', acId: null, electionId: seedCode(election?.code ?? 'ELECTION'), scope,
      poolCsv: pool.value.csv, poolHash: pool.value.hash, demandCsv: demand.value.csv, demandHash: demand.value.hash,
      reservePct: JSON.stringify(null), createdBy: p.actor.userId, now: p.now, flcCampaignId: p.flcCampaignId,
    });
    const tiers = draw.demand.map((r) => `${r.target} ${r.count}`).join(', ');
    await log(tx, p, scope, 'RAND_FREEZE', [], `Ceremony ${code} (FLC mock-poll sample of ${draw.campaignCode}) frozen: P=${pool.value.hash} Q=${demand.value.hash}; pool ${draw.units.length} CU; ${tiers}`);
    return summaryOf(tx, p.districtId, id);
  });
}
