import { INT4_MAX, UNIT_EVENTS, UNIT_KINDS, UNIT_STATES, type Role } from '@evmtrail/shared';
import * as fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../src/app.ts';
import { appRouter } from '../src/router.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * Hostile input against EVERY procedure of appRouter, over real HTTP (fastify inject), signed in
 * as a few roles and as nobody: no answer is a 5xx, and a refused mutation changes nothing (the
 * district log heads and a checksum of every unit row are the same before and after).
 */

const TOTAL_INPUTS = 10_400;
const ROLES_SIGNED_IN: readonly Role[] = ['eci_admin', 'deo', 'ro', 'warehouse', 'observer'];

let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;
const cookies = new Map<Role | 'anonymous', string>();

interface ProcedureDef { readonly _def: { readonly type: string; readonly inputs: ReadonlyArray<{ unwrap?: () => unknown; shape?: object }> } }

/** The keys of a procedure's input object (through `.optional()`), so fuzzed inputs get past strictness. */
function inputKeys(procedure: ProcedureDef): string[] {
  const schema = procedure._def.inputs[0];
  const object = (schema?.shape ? schema : schema?.unwrap?.()) as { shape?: object } | undefined;
  return object?.shape ? Object.keys(object.shape) : [];
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type, keys: inputKeys(procedure) }),
);
const RUNS = Math.ceil(TOTAL_INPUTS / procedures.length);

async function stateOfRecord(): Promise<string> {
  const units = await sql<{ n: number; sum: string | null }>`
    select count(*)::int as n,
           md5(string_agg(concat_ws('|', district_id, serial, state, previous_state, location_id, hold, flc_cycle, version), ',' order by district_id, serial)) as sum
    from units`.execute(tdb.db);
  const heads = await tdb.db.selectFrom('districtLogs').select(['districtId', 'size']).orderBy('districtId').execute();
  return JSON.stringify({ units: units.rows[0], heads });
}

async function signIn(role: Role): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users[role], password: PASSWORD }), remoteAddress: `10.7.0.${cookies.size + 1}`,
  });
  expect(res.statusCode, `sign-in as ${role}`).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0] ?? '';
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, [...ROLES_SIGNED_IN, 'engineer']);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false });
  await app.ready();
  cookies.set('anonymous', '');
  for (const role of ROLES_SIGNED_IN) cookies.set(role, await signIn(role));
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

// ── hostile values ────────────────────────────────────────────────────────────

const hostileInt = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, INT4_MAX, INT4_MAX + 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1.5, 1e308, -0),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'BUB\u00003000001', '\ud800', 'x\udc00y', '🔒', 'कोथरूड', "'; drop table units; --", '%00', '../../etc/passwd', 'eyJhZnRlciI6IkJVQjMwMDAwMDEifQ'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 500, maxLength: 700 }),
);
const serial = () => fc.oneof(fc.constantFrom(...world.units.puneWarehouse, world.units.puneKothrud, world.units.mumbai, world.units.bengaluru), hostileString);
const anyValue = fc.oneof(hostileInt, hostileString, fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }));

function valuesByKey(): Record<string, fc.Arbitrary<unknown>> {
  const id = fc.oneof(fc.constantFrom(world.districts.pune, world.districts.mumbai, world.acs.kothrud, world.locations.kothrudSr, world.locations.truck), hostileInt);
  return {
    districtId: id, acId: id, locationId: id, toLocationId: id,
    serial: serial(), event: fc.oneof(fc.constantFrom(...UNIT_EVENTS), hostileString),
    kind: fc.oneof(fc.constantFrom(...UNIT_KINDS), hostileString), state: fc.oneof(fc.constantFrom(...UNIT_STATES), hostileString),
    reason: hostileString, witnesses: fc.oneof(fc.array(fc.constantFrom('w', '\u0000', '\ud800'), { maxLength: 60 }), anyValue), seals: fc.array(hostileString, { maxLength: 5 }),
    index: hostileInt, treeSize: hostileInt, fromSize: hostileInt, toSize: hostileInt, limit: hostileInt,
    serialPrefix: hostileString, cursor: hostileString, username: fc.oneof(fc.constantFrom(...Object.values(world.users)), hostileString),
    password: hostileString,
  };
}

/** An object with the procedure's own keys (each present or not) holding hostile values. */
function keyed(keys: readonly string[]) {
  const pool = valuesByKey();
  const model = Object.fromEntries(keys.map((key) => [key, fc.oneof({ weight: 4, arbitrary: pool[key] ?? anyValue }, { weight: 1, arbitrary: anyValue })]));
  return fc.record(model, { requiredKeys: [] });
}

/** An input: the procedure's object with hostile values, the same with a stray key, any JSON at all, or nothing. */
function inputs(keys: readonly string[]) {
  return fc.oneof(
    { weight: 8, arbitrary: keyed(keys) },
    { weight: 1, arbitrary: fc.tuple(keyed(keys), anyValue).map(([object, extra]) => ({ ...object, extra })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Sometimes the raw query string itself is garbage: not JSON, or cut off. */
const rawQuery = fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, fc.constantFrom('%7B', '%ZZ', 'null', '%22%5Cu0000%22', '%7B%22districtId%22%3A1e999%7D'));

async function call(path: string, type: string, role: Role | 'anonymous', input: unknown, raw: string | null) {
  const cookie = cookies.get(role) ?? '';
  const headers = cookie ? { cookie } : {};
  if (type === 'query') {
    const query = raw !== null ? `?input=${raw}` : input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return app.inject({ method: 'GET', url: `/trpc/${path}${query}`, headers });
  }
  const payload = raw !== null ? decodeURIComponent(raw.replace(/%ZZ/g, '%25ZZ')) : JSON.stringify(input ?? {});
  return app.inject({ method: 'POST', url: `/trpc/${path}`, headers: { ...headers, 'content-type': 'application/json' }, payload });
}

describe('fuzzing every procedure over HTTP', () => {
  test('appRouter has the procedures this test expects to reach', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(13);
    expect(RUNS * procedures.length).toBeGreaterThanOrEqual(10_000);
  });

  test.each(procedures)('$path ($type): no 5xx, and nothing changes on a refusal', async ({ path, type, keys }) => {
    // Signing out is fuzzed anonymously only: a signed-in fuzz would end the sessions the other runs use.
    const roles: Array<Role | 'anonymous'> = path === 'auth.signOut' ? ['anonymous'] : ['anonymous', ...ROLES_SIGNED_IN];
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...roles), inputs(keys), rawQuery, async (role, input, raw) => {
        const before = type === 'mutation' ? await stateOfRecord() : '';
        const res = await call(path, type, role, input, raw);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${path} as ${role}: ${res.payload.slice(0, 300)}`).toBeLessThan(500);
        expect(() => JSON.parse(res.payload) as unknown).not.toThrow();
        if (type === 'mutation' && res.statusCode >= 400) expect(await stateOfRecord()).toBe(before);
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
    // The fuzz reached the procedure's input parsing, not only the sign-in check (sign-out: anonymous only).
    if (path !== 'auth.signOut') expect([...statuses.keys()].some((s) => s === 400), `${path}: ${JSON.stringify([...statuses])}`).toBe(true);
  }, 600_000);
});
