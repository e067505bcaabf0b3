import type { DB } from '@evmtrail/api/db';
import { ensureDistrictLog, hashPassword, signCheckpoint, type Actor, type UnitEventInput } from '@evmtrail/api/services';
import type { DistrictId, Jurisdiction, UnitEvent } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';

import { deriveBytes } from '../lib/prng.ts';
import type { LoginRow } from '../login-table.ts';
import { DEFAULT_SEED, generateDemoDistrict } from './generate.ts';
import type { ConsignmentRow, DemoDistrict, UserRow } from './types.ts';
import { recordEvents } from './batches.ts';
import { FLC_STEP_MS, logFlcRound } from './flc.ts';
import { seedStrongrooms } from './strongrooms.ts';
import { seedDemoReceipts } from './receipts.ts';
import { seedDemoConsignments } from './consignments.ts';
import { seedDemoCeremonies } from './ceremonies.ts';
import { seedDemoAcConsignments } from './ac-consignments.ts';
import { seedDemoSecondRandomisation } from './second-randomisation.ts';
import { hasAssignedUnits, seedDemoSets } from './sets.ts';
import { seedDemoPollDay } from './pollday.ts';
import { loginRow } from './users.ts';
import { need, writeLocations, writeReference, writeUnits, writeUsers, type IdMaps } from './write-rows.ts';

const DEMO_DISTRICT_CODE = 'MH-PUNE';

export interface SeedReport {
  readonly districts: number;
  readonly acs: number;
  readonly pollingStations: number;
  readonly units: number;
  readonly logEntries: number;
  readonly users: readonly LoginRow[];
  readonly ms: number;
}

export interface SeedDemoOptions {
  readonly seed?: string;
  /** Time of the final checkpoints (default: the wall clock, never before the last receipt). */
  readonly now?: Date;
  readonly onProgress?: (message: string) => void;
}

/** True once the demo district exists. */
export async function isSeeded(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('districts').select('id').where('code', '=', DEMO_DISTRICT_CODE).executeTakeFirst();
  return row !== undefined;
}

/** Who handles consignments in each district: the plant's engineer ships, the warehouse receives. */
const HANDLERS: Readonly<Record<string, { dispatch: string; receive: string }>> = {
  'MH-PUNE': { dispatch: 'engineer.bel', receive: 'warehouse.pune' },
  // No engineer is posted to the second district; ECI records the shipment from the plant.
  'MH-MUMBAI-SUB': { dispatch: 'eci.admin', receive: 'deo.mumbai' },
};

/** Manufactured-at time for every unit row before its first custody event. */
const MANUFACTURED_AT = new Date('2026-01-01T00:00:00.000Z');

/**
 * Writes the demo data set and puts every unit through the custody log (dispatch from the
 * plant, receipt at the district warehouse, a first FLC round for some of Pune's units), then
 * signs a checkpoint per district.
 * Refuses to run on a database that already holds the demo district.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedDemoOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  if (await isSeeded(db)) {
    throw new Error(`The database is already seeded (district ${DEMO_DISTRICT_CODE} exists); reset it to seed again`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const data = generateDemoDistrict({ seed });
  const ids: IdMaps = {
    states: new Map(), bodies: new Map(), districts: new Map(), pcs: new Map(),
    acs: new Map(), locations: new Map(), users: new Map(),
  };
  await db.transaction().execute(async (tx) => {
    progress('Writing states, districts, constituencies, models and the election');
    await writeReference(tx, data, ids);
    progress(`Writing ${data.locations.length} locations`);
    await writeLocations(tx, data, ids);
    progress(`Writing ${data.units.length} units`);
    await writeUnits(tx, data, ids, MANUFACTURED_AT);
    progress(`Writing ${data.users.length} users`);
    await writeUsers(tx, data.users, ids, hashPassword);
    for (const district of data.districts) {
      const districtId = need(ids.districts, district.code, 'district');
      const keySeed = deriveBytes(seed, `district-key/${district.code}`);
      await ensureDistrictLog(tx, { districtId, origin: district.logOrigin, keySeed, now: MANUFACTURED_AT });
    }
  });
  // Fresh planner statistics after the bulk load: without them every custody step below
  // plans `serial in (...)` over 30,000 rows as a sequential scan (PGlite: 4x slower).
  await sql`analyze`.execute(db);
  await logConsignments(db, data, ids, progress);
  // The FLC round starts a week after the last receipt.
  const flcStart = Math.max(...data.consignments.map((c) => Date.parse(c.receivedAt))) + 7 * 24 * 3600 * 1000;
  const flc = await logDemoFlc(db, data, ids, new Date(flcStart));
  progress(`FLC campaign: ${flc.steps} steps`);
  // The strongrooms get their key-holders and one inspection an hour after the last FLC step.
  const strongroomStart = flc.endAt.getTime() + FLC_STEP_MS + 3600 * 1000;
  const strongrooms = await logDemoStrongrooms(db, data, ids, new Date(strongroomStart));
  progress(`Custody log: ${strongrooms} strongroom entries`);
  const supply = await logDemoReceipts(db, data, ids, new Date(strongroomStart + (strongrooms + 45) * 60 * 1000 + 24 * 3600 * 1000));
  progress(`Receipts from the makers: ${supply.receipts} supply orders, ${supply.units} units`);
  const transfers = await logDemoConsignments(db, data, ids, new Date(supply.lastAt.getTime() + 3600 * 1000));
  progress(`Consignments from Mumbai Suburban to Pune: ${transfers.consignments}`);
  const ceremonyStarted = performance.now();
  const ceremonies = await logDemoCeremonies(db, data, ids, new Date(transfers.lastAt.getTime() + 24 * 3600 * 1000));
  progress(`Randomisation: ${ceremonies.ceremonies} ceremonies (one abandoned, one first randomisation for AC 210 and AC 211) in ${((performance.now() - ceremonyStarted) / 1000).toFixed(2)} s`);
  const acStarted = performance.now();
  const toAcs = await logDemoAcConsignments(db, data, ids, ceremonies.firstId, new Date(ceremonies.lastAt.getTime() + 24 * 3600 * 1000));
  progress(`Consignments to the AC strongrooms: ${toAcs.consignments}, received in ${((performance.now() - acStarted) / 1000).toFixed(2)} s`);
  const secondStarted = performance.now();
  const second = await logDemoSecondRandomisation(db, data, ids, new Date(toAcs.lastAt.getTime() + 24 * 3600 * 1000));
  progress(`Second randomisation: ${second.ceremonies} ceremonies (AC 210 finalised, AC 211 open) in ${((performance.now() - secondStarted) / 1000).toFixed(2)} s`);
  // Sets of AC 210 once its second randomisation has assigned units to the stations.
  const setsStarted = performance.now();
  const sets = await logDemoSets(db, data, ids, new Date(second.lastAt.getTime() + 24 * 3600 * 1000));
  if (sets) progress(`Sets of AC 210: ${sets.sets} built and commissioned, ${sets.issued} issued, in ${((performance.now() - setsStarted) / 1000).toFixed(2)} s`);
  // Poll day of AC 210 on the issued sets, the next morning: to mid-poll.
  const poll = sets ? await logDemoPollDay(db, data, ids, new Date(sets.lastAt.getTime() + 12 * 3600 * 1000)) : undefined;
  if (poll) progress(`Poll day of AC 210: ${poll.steps} steps`);
  const logEntries = await logSize(db);
  const lastEvent = (poll?.lastAt ?? sets?.lastAt ?? second.lastAt).getTime();
  const now = new Date(Math.max((options.now ?? new Date()).getTime(), lastEvent));
  for (const district of data.districts) {
    const checkpoint = await signCheckpoint(db, { districtId: need(ids.districts, district.code, 'district'), now });
    progress(`Signed checkpoint of ${checkpoint.origin} at size ${checkpoint.size}`);
  }
  return {
    districts: data.districts.length,
    acs: data.acs.length,
    pollingStations: data.locations.filter((l) => l.kind === 'polling_station').length,
    units: data.units.length + supply.units,
    logEntries,
    users: data.users.map(loginRow),
    ms: Math.round(performance.now() - started),
  };
}

interface CustodyStep {
  readonly consignment: ConsignmentRow;
  readonly event: Extract<UnitEvent, 'dispatch_from_factory' | 'receive'>;
  readonly at: string;
  readonly order: number;
}

/** Dispatches and receipts of every consignment, in time order. */
function custodySteps(consignments: readonly ConsignmentRow[]): CustodyStep[] {
  const steps = consignments.flatMap((consignment, i): CustodyStep[] => [
    { consignment, event: 'dispatch_from_factory', at: consignment.dispatchedAt, order: 2 * i },
    { consignment, event: 'receive', at: consignment.receivedAt, order: 2 * i + 1 },
  ]);
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
}

function actorFor(user: UserRow, ids: IdMaps): Actor {
  const jurisdiction: Jurisdiction = {
    level: user.jurisdictionLevel,
    ...(user.stateCode ? { stateId: need(ids.states, user.stateCode, 'state') } : {}),
    ...(user.districtCode ? { districtId: need(ids.districts, user.districtCode, 'district') } : {}),
    ...(user.acNumber !== null && user.stateCode ? { acId: need(ids.acs, `${user.stateCode}:${user.acNumber}`, 'AC') } : {}),
  };
  return { userId: need(ids.users, user.username, 'user'), username: user.username, role: user.role, jurisdiction };
}

/** The FLC round of the demo district (flc.ts), by its Dy. DEO and the BEL engineer. */
async function logDemoFlc(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date): Promise<{ steps: number; endAt: Date }> {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  const hall = data.locations.find((l) => l.districtCode === DEMO_DISTRICT_CODE && l.kind === 'flc_hall');
  const election = await db.selectFrom('elections').select('id').orderBy('id').executeTakeFirst();
  if (!district || !hall || !election) throw new Error(`No FLC hall or election for the demo district ${DEMO_DISTRICT_CODE}`);
  const locationId = (code: string): number => need(ids.locations, `${DEMO_DISTRICT_CODE}:${code}`, 'location');
  return logFlcRound(db, {
    districtId: need(ids.districts, DEMO_DISTRICT_CODE, 'district'),
    electionId: election.id,
    consignments: data.consignments.filter((c) => c.districtCode === DEMO_DISTRICT_CODE),
    actors: {
      supervisor: actorFor(need(users, 'dydeo.pune', 'user'), ids),
      engineer: actorFor(need(users, 'engineer.bel', 'user'), ids),
      deo: actorFor(need(users, 'deo.pune', 'user'), ids),
      party: actorFor(need(users, 'party.pune', 'user'), ids),
      observer: actorFor(need(users, 'observer.pune', 'user'), ids),
      observerPassword: need(users, 'observer.pune', 'user').password,
    },
    places: { hallId: locationId(hall.code), locationId },
    startAt,
  });
}

/** Key-holders of the demo district's strongrooms and one session of its district strongroom. */
async function logDemoStrongrooms(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, at: Date): Promise<number> {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  const ro = need(users, 'ro.ac210', 'user');
  if (!district || ro.acNumber === null) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  return seedStrongrooms(db, {
    place: {
      stateId: need(ids.states, district.stateCode, 'state'), districtId: need(ids.districts, district.code, 'district') as DistrictId,
      acId: null, districtName: district.name,
    },
    strongrooms: data.locations.filter((l) => l.districtCode === DEMO_DISTRICT_CODE && l.kind === 'strongroom'),
    locationId: (code) => need(ids.locations, `${DEMO_DISTRICT_CODE}:${code}`, 'location'),
    actors: { deo: actor('deo.pune'), dyDeo: actor('dydeo.pune'), ro: actor(ro.username) },
    roAcNumber: ro.acNumber,
    users,
    at,
  });
}

/** The demo district's supply orders (receipts.ts), received by its warehouse in-charge. */
async function logDemoReceipts(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const warehouse = data.consignments.find((c) => c.districtCode === DEMO_DISTRICT_CODE)?.toLocationCode;
  if (!warehouse) throw new Error('The demo district has no consignments');
  return seedDemoReceipts(db, {
    districtId: need(ids.districts, DEMO_DISTRICT_CODE, 'district'),
    destinationId: need(ids.locations, `${DEMO_DISTRICT_CODE}:${warehouse}`, 'location'),
    warehouse: actorFor(need(users, 'warehouse.pune', 'user'), ids),
    startAt,
  });
}

/** Consignments from Mumbai Suburban to the demo district's warehouse (consignments.ts). */
async function logDemoConsignments(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const warehouseOf = (district: string) => data.locations.filter((l) => l.districtCode === district && l.kind === 'warehouse').map((l) => l.code).sort()[0];
  const from = warehouseOf('MH-MUMBAI-SUB');
  const to = warehouseOf(DEMO_DISTRICT_CODE);
  if (!from || !to) throw new Error('The demo consignments need a warehouse in each district');
  return seedDemoConsignments(db, {
    fromDistrictId: need(ids.districts, 'MH-MUMBAI-SUB', 'district'),
    fromId: need(ids.locations, `MH-MUMBAI-SUB:${from}`, 'location'),
    toDistrictId: need(ids.districts, DEMO_DISTRICT_CODE, 'district'),
    toId: need(ids.locations, `${DEMO_DISTRICT_CODE}:${to}`, 'location'),
    sender: actorFor(need(users, 'deo.mumbai', 'user'), ids),
    approver: actorFor(need(users, 'ceo.mh', 'user'), ids),
    receiver: actorFor(need(users, 'warehouse.pune', 'user'), ids),
    startAt,
  });
}

/** The demo district's ceremonies (ceremonies.ts): the DEO draws, party.pune commits, observer.pune cosigns. */
async function logDemoCeremonies(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const ro = need(users, 'ro.ac210', 'user');
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  if (!district || ro.acNumber === null) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  return seedDemoCeremonies(db, {
    districtId: need(ids.districts, DEMO_DISTRICT_CODE, 'district'),
    acIds: [need(ids.acs, `${district.stateCode}:${ro.acNumber}`, 'AC'), need(ids.acs, `${district.stateCode}:${SECOND_AC}`, 'AC')],
    actors: { deo: actor('deo.pune'), party: actor('party.pune'), observer: actor('observer.pune') },
    observerPassword: need(users, 'observer.pune', 'user').password,
    startAt,
  });
}

/** The second AC the demo's first randomisation draws for (211 Khadakwasla, RO ro.ac211). */
const SECOND_AC = 211;

/** Consignments to SR-AC210 and SR-AC211 from the first randomisation (ac-consignments.ts). */
async function logDemoAcConsignments(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, ceremonyId: number, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  if (!district) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  const deo = actor('deo.pune');
  const dyDeo = actor('dydeo.pune');
  return seedDemoAcConsignments(db, {
    place: {
      stateId: need(ids.states, district.stateCode, 'state'), districtId: need(ids.districts, district.code, 'district') as DistrictId,
      acId: null, districtName: district.name,
    },
    ceremonyId,
    actors: { deo, warehouse: actor('warehouse.pune') },
    // As strongrooms.ts keyed them: the RO and the DEO for AC 210, the DEO and the Dy. DEO for the others.
    keys: new Map([
      ['SR-AC210', { first: actor('ro.ac210'), secondId: deo.userId, secondPassword: need(users, 'deo.pune', 'user').password, receiver: actor('ro.ac210') }],
      [`SR-AC${SECOND_AC}`, { first: deo, secondId: dyDeo.userId, secondPassword: need(users, 'dydeo.pune', 'user').password, receiver: actor(`ro.ac${SECOND_AC}`) }],
    ]),
    startAt,
  });
}

/** The second randomisations (second-randomisation.ts): AC 210 finalised by observer.pune, AC 211 frozen by ro.ac211. */
async function logDemoSecondRandomisation(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  if (!district) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  return seedDemoSecondRandomisation(db, {
    districtId: need(ids.districts, DEMO_DISTRICT_CODE, 'district'),
    acIds: { finished: need(ids.acs, `${district.stateCode}:210`, 'AC'), open: need(ids.acs, `${district.stateCode}:${SECOND_AC}`, 'AC') },
    candidates: { finished: 11, open: 9 },
    actors: { ro: actor('ro.ac210'), roOpen: actor('ro.ac211'), party: actor('party.pune'), observer: actor('observer.pune') },
    observerPassword: need(users, 'observer.pune', 'user').password,
    startAt,
  });
}

/** AC 210's sets (sets.ts): built, commissioned with one failure replaced, issued; a no-op until AC 210 has assigned units. */
async function logDemoSets(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const ro = need(users, 'ro.ac210', 'user');
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  if (!district || ro.acNumber === null) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  const districtId = need(ids.districts, DEMO_DISTRICT_CODE, 'district');
  const acId = need(ids.acs, `${district.stateCode}:${ro.acNumber}`, 'AC');
  if (!(await hasAssignedUnits(db, districtId, acId))) return undefined;
  const stateId = need(ids.states, district.stateCode, 'state');
  return seedDemoSets(db, {
    districtId, acId, startAt,
    actors: { ro: actor('ro.ac210'), engineer: actor('engineer.bel'), deo: actor('deo.pune') },
    deoPassword: need(users, 'deo.pune', 'user').password,
    place: { stateId, districtId: districtId as DistrictId, acId, districtName: district.name },
  });
}

async function logDemoPollDay(db: Kysely<DB>, data: DemoDistrict, ids: IdMaps, startAt: Date) {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const actor = (username: string) => actorFor(need(users, username, 'user'), ids);
  const presiding = need(users, 'presiding.ac210', 'user');
  const district = data.districts.find((d) => d.code === DEMO_DISTRICT_CODE);
  if (!district || presiding.acNumber === null) throw new Error(`No demo district ${DEMO_DISTRICT_CODE}`);
  const districtId = need(ids.districts, DEMO_DISTRICT_CODE, 'district');
  const acId = need(ids.acs, `${district.stateCode}:${presiding.acNumber}`, 'AC');
  const rows = await db.selectFrom('locations').select(['id', 'psNumber']).where('districtId', '=', districtId).where('acId', '=', acId)
    .where('kind', '=', 'polling_station').where('psNumber', '<=', 5).execute();
  const stations = new Map(rows.map((r) => [Number(r.psNumber), Number(r.id)]));
  return seedDemoPollDay(db, { districtId, stations, startAt, actors: { presiding: actor('presiding.ac210'), sector: actor('sector.ac210') } });
}

/** Entries in every district log. */
async function logSize(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('districtLogs').select(sql<number>`coalesce(sum(size), 0)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function logConsignments(
  db: Kysely<DB>,
  data: DemoDistrict,
  ids: IdMaps,
  progress: (message: string) => void,
): Promise<number> {
  const users = new Map(data.users.map((u) => [u.username, u]));
  const steps = custodySteps(data.consignments);
  const describe = new Map<UnitEventInput, string>();
  const events = steps.map((step): UnitEventInput => {
    const { consignment: c } = step;
    const handlers = HANDLERS[c.districtCode];
    if (!handlers) throw new Error(`No consignment handlers for district ${c.districtCode}`);
    const user = need(users, step.event === 'receive' ? handlers.receive : handlers.dispatch, 'user');
    const target = step.event === 'receive' ? c.toLocationCode : c.vehicleCode;
    const event: UnitEventInput = {
      actor: actorFor(user, ids),
      districtId: need(ids.districts, c.districtCode, 'district'),
      serials: c.serials,
      event: step.event,
      toLocationId: need(ids.locations, `${c.districtCode}:${target}`, 'location'),
      reason: `Consignment ${c.code} (${c.serials.length} units, ${c.maker})`,
      seals: [`${c.vehicleCode.replace('VEH-', 'TS-')}-${c.code.slice(-4)}`],
      now: new Date(step.at),
    };
    describe.set(event, `consignment ${c.code} (${step.event})`);
    return event;
  });
  let done = 0;
  for (const districtId of new Set(events.map((e) => e.districtId))) {
    done += await recordEvents(db, districtId, events.filter((e) => e.districtId === districtId), (e) => describe.get(e) ?? e.event);
    progress(`Custody log: ${done} of ${steps.length} consignment entries`);
  }
  return done;
}
