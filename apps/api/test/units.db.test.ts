import {
  ROLES,
  fromHex,
  leafHash,
  parseCheckpoint,
  parseNote,
  toHex,
  utf8Encode,
  verifyInclusion,
  verifyNote,
  type UnitEvent,
} from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { updateUnits } from '../src/modules/units/unit.repository.ts';
import { applyUnitEvent, type Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, openStrongroomSessions, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { trpcError } from './errors.ts';

type Caller = Awaited<ReturnType<typeof callerFor>>;

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let loc: (code: string) => number;
const callers = {} as Record<'deo' | 'ro' | 'warehouse' | 'observer', Caller>;

/** The Pune units of the fixture, in serial (byte) order. */
const PUNE_UNITS = ['BUB3000001', 'BUB3000002', 'BUB3000100', 'BUB3000200', 'CUB3000001', 'VVB3000001'];


/** Everything a unit event may change: every unit row and the Pune log. */
async function snapshot() {
  const units = await db.selectFrom('units').select(['districtId', 'serial', 'state', 'previousState', 'locationId', 'hold', 'flcCycle', 'isTraining', 'version', 'updatedAt']).orderBy('districtId').orderBy('serial').execute();
  const head = await db.selectFrom('districtLogs').select(['districtId', 'size', 'rootHash']).orderBy('districtId').execute();
  const count = async (table: 'logEntries' | 'logUnitRefs' | 'logNodes' | 'deviceHeads') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    units,
    heads: head.map((h) => ({ ...h, rootHash: toHex(new Uint8Array(h.rootHash)) })),
    entries: await count('logEntries'), refs: await count('logUnitRefs'), nodes: await count('logNodes'),
    deviceSeqs: await db.selectFrom('deviceHeads').select(['districtId', 'dev', 'seq']).orderBy('districtId').orderBy('dev').execute(),
  };
}

async function unitRow(serial: string) {
  return db.selectFrom('units').select(['state', 'previousState', 'locationId', 'version', 'hold']).where('serial', '=', serial).executeTakeFirstOrThrow();
}

async function puneLogSize(): Promise<number> {
  return (await db.selectFrom('districtLogs').select('size').where('districtId', '=', pune).executeTakeFirstOrThrow()).size;
}

async function insertUnits(serials: readonly string[], state: string, locationId: number, extra: { hold?: string } = {}): Promise<void> {
  await db
    .insertInto('units')
    .values(serials.map((serial) => ({
      districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state,
      previousState: null, locationId, holdRef: null, flcCycle: null, updatedAt: world.now, ...extra,
    })))
    .execute();
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  // Moves in and out of the AC strongrooms need an open session (strongroom.guard.ts).
  await openStrongroomSessions(db, world, [world.locations.kothrudSr, world.locations.hadapsarSr]);
  pune = world.districts.pune;
  const codes = await db.selectFrom('locations').select(['id', 'code']).execute();
  loc = (code) => {
    const found = codes.find((c) => c.code === code);
    if (!found) throw new Error(`no location ${code}`);
    return found.id;
  };
  for (const role of ['deo', 'ro', 'warehouse', 'observer'] as const) callers[role] = await callerFor(db, world.users[role]);
});

afterAll(async () => {
  await tdb.dispose();
});

describe('unit.bySerial', () => {
  test('returns the facts, the location and a timeline whose every entry verifies against the signed checkpoint', async () => {
    const detail = await callers.deo.unit.bySerial({ serial: 'BUB3000001' });
    expect(detail.unit).toEqual({
      serial: 'BUB3000001', kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, state: 'in_warehouse', hold: 'none', districtId: pune,
      acNumber: null, acName: null, updatedAt: world.now.toISOString(),
      location: { id: loc('WH-PUNE-01'), code: 'WH-PUNE-01', name: 'District warehouse', kind: 'warehouse' },
    });

    const key = await db.selectFrom('districtKeys').select('vkey').where('districtId', '=', pune).executeTakeFirstOrThrow();
    expect(detail.logVkey).toBe(key.vkey);
    const note = verifyNote(detail.checkpoint.note, [key.vkey]);
    if (!note.ok) throw new Error(note.error.message);
    const checkpoint = parseCheckpoint(note.value.text);
    if (!checkpoint.ok) throw new Error(checkpoint.error.message);
    expect(checkpoint.value).toMatchObject({ origin: 'evmtrail.test/MH-PUNE', size: detail.checkpoint.size });
    expect(toHex(checkpoint.value.root)).toBe(detail.checkpoint.rootHex);

    expect(detail.timeline.map((t) => t.index)).toEqual([0, 1]);
    const events: unknown[] = [];
    for (const item of detail.timeline) {
      const leaf = leafHash(utf8Encode(item.entry));
      expect(item.leafHashHex).toBe(toHex(leaf));
      expect(verifyInclusion(item.index, detail.checkpoint.size, leaf, item.proof.map(fromHex), checkpoint.value.root), `entry ${item.index}`).toBe(true);
      const entry = JSON.parse(item.entry) as { units: string[]; event: string; state: string };
      expect(entry.units).toContain('BUB3000001');
      events.push([entry.event, entry.state]);
    }
    expect(events).toEqual([['dispatch_from_factory', 'in_transit'], ['receive', 'in_warehouse']]);
  });

  test('a typed serial is trimmed and upper-cased', async () => {
    const detail = await callers.deo.unit.bySerial({ serial: '  cub3000001 ' });
    expect(detail.unit.serial).toBe('CUB3000001');
    expect(detail.unit.kind).toBe('CU');
  });

  test('a unit with no log entries has an empty timeline and its strongroom as location', async () => {
    const detail = await callers.ro.unit.bySerial({ serial: 'BUB3000100' });
    expect(detail.timeline).toEqual([]);
    expect(detail.unit.location).toEqual({ id: loc('SR-AC210'), code: 'SR-AC210', name: 'AC 210 strongroom', kind: 'strongroom' });
    expect(parseNote(detail.checkpoint.note).ok).toBe(true);
  });

  test('an unknown serial is NOT_FOUND and names the serial', async () => {
    const error = await trpcError(callers.deo.unit.bySerial({ serial: 'BUB9999999' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('BUB9999999');
  });

  test.each(['BAD SERIAL!', 'BU', 'BU/0001', `B${'1'.repeat(40)}`])('a malformed serial %j is a BAD_REQUEST naming the value', async (serial) => {
    const error = await trpcError(callers.deo.unit.bySerial({ serial }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(serial);
  });
});

describe('unit.list', () => {
  async function serials(caller: Caller, input: Parameters<Caller['unit']['list']>[0]): Promise<string[]> {
    const page = await caller.unit.list(input);
    return page.items.map((i) => i.serial);
  }

  test('lists every unit of the district in serial order, with its location', async () => {
    const page = await callers.deo.unit.list({ districtId: pune });
    expect(page.items.map((i) => i.serial)).toEqual(PUNE_UNITS);
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((i) => i.serial === 'BUB3000100')).toMatchObject({
      kind: 'BU', state: 'in_ac_strongroom', locationId: loc('SR-AC210'), locationCode: 'SR-AC210', locationName: 'AC 210 strongroom',
    });
    // Without a district, a district user gets their own.
    expect(await serials(callers.deo, {})).toEqual(PUNE_UNITS);
  });

  test.each([
    ['kind CU', { kind: 'CU' as const }, ['CUB3000001']],
    ['kind VVPAT', { kind: 'VVPAT' as const }, ['VVB3000001']],
    ['kind BU', { kind: 'BU' as const }, ['BUB3000001', 'BUB3000002', 'BUB3000100', 'BUB3000200']],
    ['state in_ac_strongroom', { state: 'in_ac_strongroom' as const }, ['BUB3000100', 'BUB3000200']],
    ['state in_warehouse', { state: 'in_warehouse' as const }, ['BUB3000001', 'BUB3000002', 'CUB3000001', 'VVB3000001']],
    ['state counted', { state: 'counted' as const }, []],
    ['kind and state', { kind: 'BU' as const, state: 'in_warehouse' as const }, ['BUB3000001', 'BUB3000002']],
    ['serial prefix', { serialPrefix: 'BUB30000' }, ['BUB3000001', 'BUB3000002']],
    ['lower-case serial prefix', { serialPrefix: 'bub3000' }, ['BUB3000001', 'BUB3000002', 'BUB3000100', 'BUB3000200']],
    ['empty serial prefix', { serialPrefix: '' }, PUNE_UNITS],
    ['unmatched serial prefix', { serialPrefix: 'ZZ' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await serials(callers.deo, { districtId: pune, ...filter })).toEqual(expected);
  });

  test('filters by AC', async () => {
    expect(await serials(callers.deo, { districtId: pune, acId: world.acs.hadapsar })).toEqual(['BUB3000200']);
    expect(await serials(callers.deo, { districtId: pune, acId: world.acs.kothrud })).toEqual(['BUB3000100']);
  });

  test('filters by location', async () => {
    expect(await serials(callers.deo, { districtId: pune, locationId: loc('SR-AC210') })).toEqual(['BUB3000100']);
    expect(await serials(callers.deo, { districtId: pune, locationId: loc('WH-PUNE-01'), kind: 'BU' })).toEqual(['BUB3000001', 'BUB3000002']);
    expect(await serials(callers.deo, { districtId: pune, locationId: loc('VEH-MH12-0001') })).toEqual([]);
  });

  test('an AC user sees only the units of their AC', async () => {
    expect(await serials(callers.ro, { districtId: pune })).toEqual(['BUB3000100']);
    expect(await serials(callers.ro, {})).toEqual(['BUB3000100']);
  });

  test.each([
    ['everything', {}, PUNE_UNITS],
    ['BUs', { kind: 'BU' as const }, ['BUB3000001', 'BUB3000002', 'BUB3000100', 'BUB3000200']],
  ])('keyset pagination with limit 2 walks %s exactly once in serial order', async (_name, filter, expected) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await callers.deo.unit.list({ districtId: pune, limit: 2, ...filter, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.serial));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      expect(pages).toBeLessThanOrEqual(expected.length);
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(expected.length / 2));
  });

  test.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON without "after"', Buffer.from(JSON.stringify({ before: 'X' })).toString('base64url')],
    ['a JSON string', Buffer.from(JSON.stringify('BUB3000001')).toString('base64url')],
  ])('a bad cursor (%s) is a BAD_REQUEST', async (_name, cursor) => {
    const error = await trpcError(callers.deo.unit.list({ districtId: pune, cursor }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(cursor);
  });

  test.each([
    ['limit 0', { limit: 0 }],
    ['limit 201', { limit: 201 }],
    ['a serial prefix with a wildcard', { serialPrefix: 'BU%' }],
    ['an unknown kind', { kind: 'TABLET' }],
  ])('%s is a BAD_REQUEST', async (_name, input) => {
    const error = await trpcError(callers.deo.unit.list({ districtId: pune, ...(input as object) }));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('unit.transition', () => {
  const T = {
    legal: 'BUT6000001',
    refused: 'BUT6000002',
    multiGood: 'BUT6000003',
    multiHeld: 'BUT6000004',
    race: ['BUT6000005', 'BUT6000006', 'BUT6000007'],
    guard: 'BUT6000008',
    inAc210: 'BUT6000010',
  } as const;
  let deoActor: Actor;

  beforeAll(async () => {
    await insertUnits([T.legal, T.refused, T.multiGood, ...T.race, T.guard], 'in_warehouse', loc('WH-PUNE-01'));
    await insertUnits([T.multiHeld], 'in_warehouse', loc('WH-PUNE-01'), { hold: 'ep' });
    await insertUnits([T.inAc210], 'in_ac_strongroom', loc('SR-AC210'));
    const user = await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow();
    deoActor = { userId: user.id, username: world.users.deo, role: 'deo', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
  });

  test('a legal event by the right role changes the state and appends exactly one log entry', async () => {
    const before = await unitRow(T.legal);
    const size = await puneLogSize();
    const result = await callers.deo.unit.transition({ serial: T.legal, event: 'start_flc', witnesses: ['P01-REP-01'], seals: ['PINK-0001'], reason: 'FLC schedule 7' });
    expect(result).toEqual({ logIndex: size, count: 1 });

    expect(await unitRow(T.legal)).toMatchObject({ state: 'flc_in_progress', locationId: before.locationId, version: before.version + 1 });
    expect(await puneLogSize()).toBe(size + 1);
    const entries = await db.selectFrom('logEntries').select(['idx', 'entry', 'type', 'event', 'actor']).where('districtId', '=', pune).where('idx', '>=', size).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ idx: size, type: 'FLC_START', event: 'start_flc', actor: 'deo.test' });
    expect(JSON.parse(entries[0]?.entry ?? '{}')).toMatchObject({
      units: [T.legal], event: 'start_flc', state: 'flc_in_progress', from: 'WH-PUNE-01', to: 'WH-PUNE-01',
      actor: 'deo.test', witnesses: ['P01-REP-01'], seals: ['PINK-0001'], reason: 'FLC schedule 7',
    });
    const refs = await db.selectFrom('logUnitRefs').select('idx').where('serial', '=', T.legal).execute();
    expect(refs.map((r) => r.idx)).toEqual([size]);

    // The new entry is in the unit's timeline and verifies.
    const detail = await callers.deo.unit.bySerial({ serial: T.legal });
    const [item] = detail.timeline;
    expect(item?.index).toBe(size);
    expect(verifyInclusion(size, detail.checkpoint.size, fromHex(item?.leafHashHex ?? ''), (item?.proof ?? []).map(fromHex), fromHex(detail.checkpoint.rootHex))).toBe(true);
  });

  test('a moving event moves the unit and logs both places', async () => {
    const size = await puneLogSize();
    await callers.ro.unit.transition({ serial: 'BUB3000100', event: 'return_to_warehouse', toLocationId: loc('WH-PUNE-01') });
    expect(await unitRow('BUB3000100')).toMatchObject({ state: 'in_warehouse', locationId: loc('WH-PUNE-01'), version: 1 });
    const entry = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).where('idx', '=', size).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.entry)).toMatchObject({ type: 'MOVE', from: 'SR-AC210', to: 'WH-PUNE-01', actor: 'ro.test', units: ['BUB3000100'] });
  });

  interface Refusal {
    readonly input: { serial: string; event: UnitEvent; toLocationId?: number };
    /** What the message must name. */
    readonly named: readonly string[];
  }
  type Case = readonly [name: string, who: keyof typeof callers, code: TRPCError['code'], refusal: () => Refusal];
  const REFUSED: readonly Case[] = [
    ['wrong state', 'deo', 'PRECONDITION_FAILED', () => ({ input: { serial: 'BUB3000002', event: 'receive', toLocationId: loc('WH-PUNE-01') }, named: ['BUB3000002', 'in_warehouse', 'receive'] })],
    ['wrong role', 'warehouse', 'FORBIDDEN', () => ({ input: { serial: 'BUB3000002', event: 'start_flc' }, named: ['BUB3000002', 'warehouse', 'start_flc'] })],
    ['a role that handles no units', 'observer', 'FORBIDDEN', () => ({ input: { serial: 'BUB3000002', event: 'start_flc' }, named: ['BUB3000002', 'observer'] })],
    ['outside the jurisdiction: another district, answered like an unknown unit', 'deo', 'NOT_FOUND', () => ({ input: { serial: 'BUB3009001', event: 'start_flc' }, named: ['BUB3009001'] })],
    ['outside the jurisdiction: another AC', 'ro', 'FORBIDDEN', () => ({ input: { serial: 'BUB3000200', event: 'assign_reserve' }, named: ['BUB3000200'] })],
    ['outside the jurisdiction: a move into another AC', 'ro', 'FORBIDDEN', () => ({ input: { serial: 'BUT6000010', event: 'return_to_warehouse', toLocationId: loc('SR-AC213') }, named: ['BUT6000010'] })],
    ['an unknown target location', 'deo', 'NOT_FOUND', () => ({ input: { serial: 'BUB3000002', event: 'dispatch', toLocationId: 999_999 }, named: ['BUB3000002', '999999'] })],
    ['a target location in another district', 'deo', 'NOT_FOUND', () => ({ input: { serial: 'BUB3000002', event: 'dispatch', toLocationId: loc('WH-MUMSUB-01') }, named: ['BUB3000002', String(loc('WH-MUMSUB-01'))] })],
    ['a moving event without a target', 'deo', 'BAD_REQUEST', () => ({ input: { serial: 'BUB3000002', event: 'dispatch' }, named: ['BUB3000002', 'dispatch'] })],
    ['an unknown unit', 'deo', 'NOT_FOUND', () => ({ input: { serial: 'BUB9999998', event: 'start_flc' }, named: ['BUB9999998'] })],
    ['a unit under an election-petition hold', 'deo', 'PRECONDITION_FAILED', () => ({ input: { serial: 'BUT6000004', event: 'start_flc' }, named: ['BUT6000004'] })],
  ];

  test.each(REFUSED)('refused (%s, as %s) with %s: a message naming the unit, and nothing changes', async (_name, who, code, refusal) => {
    const { input, named } = refusal();
    const before = await snapshot();
    const error = await trpcError(callers[who].unit.transition(input));
    expect(error.code).toBe(code);
    for (const word of named) expect(error.message).toContain(word);
    expect(await snapshot()).toEqual(before);
  });

  test('a domain failure on one unit of a multi-unit event leaves every unit and the log untouched', async () => {
    const before = await snapshot();
    const result = await applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [T.multiGood, T.multiHeld], event: 'start_flc', now: world.now });
    expect(result).toMatchObject({ ok: false, error: { type: 'unit_on_hold' } });
    expect(!result.ok && result.error.message).toContain(T.multiHeld);
    expect(await snapshot()).toEqual(before);

    const missing = await applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [T.multiGood, 'BUB9999997'], event: 'start_flc', now: world.now });
    expect(missing).toMatchObject({ ok: false, error: { type: 'not_found' } });
    expect(!missing.ok && missing.error.message).toContain('BUB9999997');

    const mixed = await applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [T.multiGood, 'BUB3000200'], event: 'start_flc', now: world.now });
    expect(mixed).toMatchObject({ ok: false, error: { type: 'invalid_input' } });
    expect(await snapshot()).toEqual(before);
  });

  test('a database failure after the units were updated rolls the units back with the log entry', async () => {
    // A real constraint that the log insert (which comes after the guarded unit update) breaks.
    await sql`alter table log_entries add constraint test_refuse_marker check (position('REFUSE-ME' in entry) = 0) not valid`.execute(db);
    try {
      const before = await snapshot();
      await expect(
        applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [T.multiGood], event: 'start_flc', reason: 'REFUSE-ME', now: world.now }),
      ).rejects.toThrow(/test_refuse_marker/);
      expect(await snapshot()).toEqual(before);
    } finally {
      await sql`alter table log_entries drop constraint test_refuse_marker`.execute(db);
    }
    // The same event goes through once nothing stands in its way.
    const ok = await applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [T.multiGood], event: 'start_flc', now: world.now });
    expect(ok.ok).toBe(true);
    expect(await unitRow(T.multiGood)).toMatchObject({ state: 'flc_in_progress', version: 1 });
  });

  // Each event is legal only from 'in_warehouse', so once one has landed the others are illegal.
  test.each([
    ['the same event twice', T.race[0], [['deo', 'start_flc'], ['deo', 'start_flc']]],
    ['two events by two roles', T.race[1], [['deo', 'start_flc'], ['warehouse', 'dispatch']]],
    ['three events by three roles', T.race[2], [['warehouse', 'dispatch'], ['deo', 'start_flc'], ['ceo', 'condemn']]],
  ] as const)('concurrent transitions of one unit (%s): exactly one wins and the log has one entry', async (_name, serial, events) => {
    const size = await puneLogSize();
    // Separate callers, as separate requests would be.
    const racers = await Promise.all(events.map(([role]) => callerFor(db, world.users[role])));
    const outcomes = await Promise.allSettled(
      racers.map((racer, i) => {
        const event = events[i]?.[1] ?? 'start_flc';
        return racer.unit.transition({ serial, event, ...(event === 'dispatch' ? { toLocationId: loc('VEH-MH12-0001') } : {}) });
      }),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(events.length - 1);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(TRPCError);
      expect(['CONFLICT', 'PRECONDITION_FAILED']).toContain((reason as TRPCError).code);
      expect((reason as TRPCError).message).toContain(serial);
    }
    expect(await puneLogSize()).toBe(size + 1);
    expect(await db.selectFrom('logUnitRefs').select('idx').where('serial', '=', serial).execute()).toEqual([{ idx: size }]);
    const row = await unitRow(serial);
    expect(row.version).toBe(1);
    expect(row.state).not.toBe('in_warehouse');
  });

  test('the guarded update moves only rows still in the expected state (a concurrent change in between)', async () => {
    // Another transaction has moved the unit on since it was read as 'in_warehouse'.
    await callers.deo.unit.transition({ serial: T.guard, event: 'start_flc' });
    const before = await snapshot();
    const changed = await db.transaction().execute((tx) =>
      updateUnits(tx, { districtId: pune, serials: [T.guard], from: 'in_warehouse', now: world.now }, {
        state: 'in_transit', previousState: null, locationId: loc('VEH-MH12-0001'), hold: 'none', flcCycle: null, isTraining: false, acId: null,
      }),
    );
    expect(changed).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(await unitRow(T.guard)).toMatchObject({ state: 'flc_in_progress', version: 1 });
  });
});
