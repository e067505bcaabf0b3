import type { DB } from '@evmtrail/api/db';
import {
  buildSets, closeStrongroom, commissionReserves, commissionSet, createRoute, createSignInLimiter, drawSample, issueReserves, issueSet, openStrongroom,
  setCandidates, type Actor, type DistrictPlace,
} from '@evmtrail/api/services';
import type { AcSetsView, DistrictId, LocationId } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/** Stations of AC 210 the demo carries through commissioning and dispatch (the seed's time budget). */
export const DEMO_SET_STATIONS = 16;

export interface DemoSetsInput {
  readonly districtId: number;
  readonly acId: number;
  readonly actors: { readonly ro: Actor; readonly engineer: Actor; readonly deo: Actor };
  /** The DEO's password: the second key of the AC strongroom when the RO opens it for the dispatch. */
  readonly deoPassword: string;
  readonly place: DistrictPlace;
  readonly startAt: Date;
}

const WITNESSES = [
  { name: 'Sunita Deshmukh', party: 'Indian National Congress', idCard: 'MH/PA/2026/0117' },
  { name: 'Rahul Kulkarni', party: 'Bharatiya Janata Party', idCard: 'MH/PA/2026/0342' },
] as const;

/** True once AC 210's second randomisation has assigned units to its polling stations. */
export async function hasAssignedUnits(db: Kysely<DB>, districtId: number, acId: number): Promise<boolean> {
  const row = await db.selectFrom('units').select('serial').where('districtId', '=', districtId).where('acId', '=', acId).where('state', '=', 'assigned_ps').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * AC 210's sets through the sets service (issue 10): candidates set, the sets of the first
 * DEMO_SET_STATIONS stations built (a subset: about 1.5 s of seeding for 16 stations on PGlite), the mock-poll sample drawn, every set commissioned (one BU
 * failing at commissioning and replaced from the AC reserve), the reserve commissioned, two vehicle
 * routes created and all but the last set issued, and the reserve with a sector officer for
 * stations 1 to 12. The AC strongroom is opened by the RO (the DEO's second key) for the dispatch
 * and sealed again. Expects AC 210's units assigned_ps / ac_reserve; each step a minute apart.
 */
export async function seedDemoSets(db: Kysely<DB>, p: DemoSetsInput): Promise<{ sets: number; issued: number; lastAt: Date }> {
  let at = p.startAt.getTime();
  const next = () => new Date((at += 60_000));
  const must = <T>(what: string, r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`demo sets, ${what}: ${r.error.message}`);
    return r.value;
  };
  const { ro, engineer } = p.actors;
  const base = { districtId: p.districtId, acId: p.acId };
  must('candidates', await setCandidates(db, { ...base, actor: ro, candidates: 14, now: next() }));
  const stations = Array.from({ length: DEMO_SET_STATIONS }, (_, i) => i + 1);
  must('build', await buildSets(db, { ...base, actor: ro, stationNumbers: stations, now: next() }));
  let view: AcSetsView = must('sample', await drawSample(db, { ...base, actor: ro, dice: '80312954671028345519', now: next() }));
  let failed = false;
  for (const set of view.sets) {
    const n = set.station.number;
    const pad = String(n).padStart(4, '0');
    const bu = set.members.find((m) => m.kind === 'BU');
    const failures: { serial: string; faultCode: string }[] = !failed && n === 3 && bu ? [{ serial: bu.serial, faultCode: 'DISPLAY' }] : [];
    failed ||= failures.length > 0;
    must(`commission ${set.code}`, await commissionSet(db, {
      actor: n % 2 === 0 ? ro : engineer, districtId: p.districtId, setId: set.id, now: next(),
      ballotPaper: `BP-210-${pad}`, sluId: 'SLU-BEL-21007', sluContainerSeal: 'SLUC-210-01', vvpatBatteryId: `BAT-VV-${pad}`, paperRollId: `ROLL-${pad}`,
      pinkSeals: [`PK-210-${pad}A`, `PK-210-${pad}B`], greenSeals: [`GR-210-${pad}`], addressTags: set.members.map((m) => `AT-${m.serial}`),
      mockPollVotes: 15, mockPollSlips: 15, ...(set.sampled ? { sampleVotes: 1000 } : {}), failures,
    }));
  }
  view = must('reserve', await commissionReserves(db, { ...base, actor: engineer, ballotPaper: 'BP-210-RES', sluId: 'SLU-BEL-21007', now: next() }));
  const half = Math.ceil(stations.length / 2);
  const routes = [
    must('route 1', await createRoute(db, { ...base, actor: ro, name: 'Kothrud west', vehicleId: 'MH12-KT-2101', stops: stations.slice(0, half).map((n) => ({ stationNumber: n, partyId: `PP-210-${String(n).padStart(3, '0')}` })), now: next() })),
    must('route 2', await createRoute(db, { ...base, actor: ro, name: 'Kothrud east', vehicleId: 'MH12-KT-2102', stops: stations.slice(half).map((n) => ({ stationNumber: n, partyId: `PP-210-${String(n).padStart(3, '0')}` })), now: next() })),
  ];
  // The dispatch takes the sets out of the AC strongroom: the RO opens it with the DEO's key.
  const room = await db.selectFrom('locations').select('id').where('districtId', '=', p.districtId).where('acId', '=', p.acId).where('kind', '=', 'strongroom').orderBy('id').executeTakeFirst();
  const ref = room ? { districtId: p.districtId as DistrictId, locationId: room.id as LocationId } : undefined;
  const open = ref ? await db.selectFrom('strongroomSessions').select('id').where('districtId', '=', p.districtId).where('locationId', '=', ref.locationId).where('status', '=', 'open').executeTakeFirst() : undefined;
  let openedHere = false;
  if (ref && !open) {
    const last = await db.selectFrom('strongroomSessions').select('sealsApplied').where('districtId', '=', p.districtId).where('locationId', '=', ref.locationId).where('status', '=', 'closed').orderBy('id', 'desc').executeTakeFirst();
    const seals = (typeof last?.sealsApplied === 'string' ? JSON.parse(last.sealsApplied) : last?.sealsApplied ?? []) as string[];
    must('open the AC strongroom', await openStrongroom(db, {
      actor: ro, place: p.place, now: next(), limiter: createSignInLimiter(), address: 'seed',
      input: { ...ref, secondKeyHolderId: p.actors.deo.userId, secondKeyHolderPassword: p.deoPassword, witnesses: [...WITNESSES], sealsBroken: seals },
    }));
    openedHere = true;
  }
  // Every set but the last of route 2 goes out; the last party is still at the counter.
  let issued = 0;
  const bySet = new Map(view.sets.map((s) => [s.code, s]));
  for (const route of routes) {
    const stops = route === routes[1] ? route.stops.slice(0, -1) : route.stops;
    for (const stop of stops) {
      const set = stop.setCode ? bySet.get(stop.setCode) : undefined;
      const serial = set?.members.find((m) => m.kind === 'CU')?.serial;
      if (!serial) continue;
      must(`issue ${stop.setCode ?? ''}`, await issueSet(db, { districtId: p.districtId, routeId: route.id, serial, actor: ro, now: next() }));
      issued += 1;
    }
  }
  // The sector officer takes the last reserve units in ticket order: the first ones stay at the
  // commissioning hall, where the next failure takes the next unit in ticket order.
  const ready = new Set(view.reserves.filter((u) => u.state === 'commissioned').map((u) => u.serial));
  const ceremony = view.ceremony?.id ?? 0;
  const byTicket = await db.selectFrom('ceremonyUnits').select(['serial', 'kind']).where('districtId', '=', p.districtId).where('ceremonyId', '=', ceremony)
    .where('reserve', '=', true).orderBy('position', 'desc').execute();
  const kit = ['BU', 'CU', 'VVPAT'].flatMap((kind) => byTicket.filter((u) => u.kind === kind && ready.has(u.serial)).slice(0, 2)).map((u) => u.serial);
  if (kit.length > 0) {
    must('reserve to the sector officer', await issueReserves(db, {
      ...base, actor: ro, officerName: 'Sector Officer, 210 Kothrud', vehicleId: 'MH12-SO-2101', stationNumbers: stations.slice(0, 12), serials: kit, now: next(),
    }));
  }
  if (ref && openedHere) {
    must('seal the AC strongroom', await closeStrongroom(db, { actor: ro, place: p.place, now: next(), input: { ...ref, sealsApplied: ['SR210-DC-0001', 'SR210-DC-0002'] } }));
  }
  return { sets: view.sets.length, issued, lastAt: new Date(at) };
}
