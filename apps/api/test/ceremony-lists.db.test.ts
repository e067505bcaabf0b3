/**
 * Issue 8 items 4–6 on a first and a second randomisation run through the ceremony service:
 * the parties' lists (CSV and PDF in three languages) carry exactly the published allocation.csv
 * lines, the seed and sha256(allocation.csv); outside the jurisdiction they are refused; every
 * step's log entry is proved under a signed checkpoint; `pnpm verify` redraws both stages and
 * names the ceremony and line of a tampered second-stage allocation.csv.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { commit, fromHex, leafHash, parseCheckpoint, redrawFromFiles, ROLES, UNIT_KINDS, utf8Encode, verifyInclusion, verifyNote } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import type { Actor } from '../src/modules/authority/authority.service.ts';
import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { exportRandBundle } from '../src/modules/audit/rand-bundle.service.ts';
import { ceremonyListPdf } from '../src/pdf/ceremony-pdf.service.ts';
import { renderPdf } from '../src/pdf/render.ts';
import { applyUnitEvent } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, openStrongroomSessions, PASSWORD, type World } from './fixtures.ts';
import { pdfText } from './pdf/poppler.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let ro: Caller;
let observer: Caller;
let party: Caller;
let ro213: Caller;
let mumbaiDeo: Caller;
let first = { id: 0, code: '' };
let second = { id: 0, code: '' };
const dir = mkdtempSync(join(tmpdir(), 'evmtrail-lists-'));

const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
const VALUE = '0123456789abcdef0123456789abcdef';

async function draw(by: { run: Caller }, districtId: number, ceremonyId: number, dice: string): Promise<void> {
  const id = { districtId, ceremonyId };
  const c = commit({ party: 'INC', value: VALUE });
  if (!c.ok) throw new Error(c.error.message);
  await party.ceremony.commit({ ...id, party: 'INC', commitment: c.value });
  await by.run.ceremony.dice({ ...id, dice });
  await party.ceremony.reveal({ ...id, party: 'INC', reveal: VALUE });
  await by.run.ceremony.allocate(id);
  await observer.ceremony.finalise({ ...id, password: PASSWORD });
}

async function userCaller(username: string, role: string, level: 'ac' | 'district', districtId: number, acId: number | null): Promise<Caller> {
  // The same password as the fixture's users, so the HTTP test can sign in.
  const { passwordHash } = await db.selectFrom('users').select('passwordHash').where('username', '=', world.users.party_rep).executeTakeFirstOrThrow();
  await db.insertInto('users').values({
    username, displayName: username, role, jurisdictionLevel: level, stateId: world.stateIds.mh, districtId, acId, passwordHash,
  }).execute();
  return callerFor(db, username);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
  ro = await callerFor(db, world.users.ro);
  observer = await callerFor(db, world.users.observer);
  party = await callerFor(db, world.users.party_rep);
  ro213 = await userCaller('ro.hadapsar', 'ro', 'ac', pune, world.acs.hadapsar);
  mumbaiDeo = await userCaller('deo.mumbai', 'deo', 'district', world.districts.mumbai, null);
  await db.insertInto('locations').values([[world.acs.kothrud, 1, 'PS-210-001', 'Kothrud school, room 1'], [world.acs.kothrud, 2, 'PS-210-002', 'Karve Road hall'], [world.acs.hadapsar, 1, 'PS-213-001', 'Hadapsar school']].map(([acId, ps, c, name]) => ({
    districtId: pune, code: String(c), kind: 'polling_station', name: String(name), nameHi: null, acId: Number(acId), parentId: null,
    lat: null, lon: null, psNumber: Number(ps), electors: 900, strongroomType: null,
  }))).execute();
  const all = [...serials('BUT', 8), ...serials('CUT', 7), ...serials('VVT', 8)];
  await db.insertInto('units').values(all.map((serial) => ({
    districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', maker: 'BEL', model: 'M3', year: 2022,
    ownerBodyId: 1, state: 'in_warehouse', previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
  }))).execute();
  const system = (role: Actor['role'], username: string): Actor => ({ userId: 0, username, role, jurisdiction: { level: 'nation' } });
  for (const step of [{ actor: system('deo', 'deo.pune'), event: 'start_flc' as const }, { actor: system('engineer', 'engineer.bel'), event: 'pass_flc' as const }]) {
    const r = await applyUnitEvent(db, { ...step, serials: all, districtId: pune, reason: 'FLC', now: world.now });
    if (!r.ok) throw new Error(r.error.message);
  }
  // First randomisation: AC 210 gets 4 of each kind (2 stations, 100% reserve), AC 213 two, one BU to training.
  const created = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: { BU: 100, CU: 100, VVPAT: 100 }, training: { BU: 1, CU: 0, VVPAT: 0 } });
  first = { id: created.id, code: created.code };
  await draw({ run: deo }, pune, first.id, '27182818284590452353');
  // AC 210's units reach its strongroom through the unit service, then the RO runs the second randomisation.
  const ac210 = (await deo.ceremony.byId({ districtId: pune, ceremonyId: first.id })).allocation.filter((r) => r.target === 'AC-210').map((r) => r.serial);
  await openStrongroomSessions(db, world, [world.locations.kothrudSr]);
  const user = await db.selectFrom('users').select('id').where('username', '=', world.users.ro).executeTakeFirstOrThrow();
  const roActor: Actor = { userId: user.id, username: world.users.ro, role: 'ro', jurisdiction: { level: 'ac', stateId: world.stateIds.mh, districtId: pune, acId: world.acs.kothrud } };
  const moved = await applyUnitEvent(db, { actor: roActor, districtId: pune, serials: ac210, event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr, now: world.now });
  if (!moved.ok) throw new Error(moved.error.message);
  const r2 = await ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud });
  second = { id: r2.id, code: r2.code };
  await draw({ run: ro }, pune, second.id, '31415926535897932384');
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await tdb.dispose();
});

/** The list's data lines (after the three `#` lines and the header), split into columns. */
function listLines(csv: string): string[][] {
  const lines = csv.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines[3]).toBe('TYPE,TARGET,ID,TICKET18,PLACE');
  return lines.slice(4, -1).filter((l) => !l.startsWith('#')).map((l) => l.split(','));
}

describe('lists for parties', () => {
  test.each([['first', () => first], ['second', () => second]] as const)('the %s randomisation\'s CSV list is allocation.csv line for line, with the code, seed, hash and each ticket\'s first 18 digits', async (_stage, which) => {
    const c = which();
    const files = await party.ceremony.files({ districtId: pune, ceremonyId: c.id });
    const list = await party.ceremony.partyList({ districtId: pune, ceremonyId: c.id });
    expect(list.filename).toBe(`${c.code}-${_stage === 'first' ? 'ac' : 'ps'}-wise-list.csv`);
    const head = list.csv.split('\n').slice(0, 3);
    expect(head).toEqual([`# ceremony=${c.code}`, `# seed=${files.seed ?? ''}`, `# sha256(allocation.csv)=${files.allocationHash ?? ''}`]);
    const published = (files.allocationCsv ?? '').split('\n').filter((l) => l !== '');
    const rows = listLines(list.csv);
    expect(rows.length).toBe(published.length);
    // The tickets, recomputed here from the published inputs (not read from the api's store).
    const redrawn = redrawFromFiles({ poolCsv: files.poolCsv, demandCsv: files.demandCsv, seed: files.seed ?? '' });
    if (!redrawn.ok) throw new Error(redrawn.error.message);
    const ticket = new Map<string, string>(UNIT_KINDS.flatMap((kind) => {
      const order = redrawn.value.byKind[kind].order;
      // "0." and then the first 18 digits, spelled out here rather than through the api's own helper.
      return order.ids.map((serial, i) => [`${kind},${serial}`, order.ticket(i).slice(2, 20)] as const);
    }));
    published.forEach((line, i) => {
      const row = rows[i] ?? [];
      expect(row.slice(0, 3).join(',')).toBe(line);
      expect(row[3]).toMatch(/^\d{18}$/);
      expect(row[3]).toBe(ticket.get(`${row[0] ?? ''},${row[2] ?? ''}`));
    });
  });

  test('the PS-wise list names each station by number and name, and keeps the AC reserve in ticket order', async () => {
    const list = await ro.ceremony.partyList({ districtId: pune, ceremonyId: second.id });
    const rows = listLines(list.csv);
    expect(rows.filter((r) => r[1] === 'PS-001').map((r) => r[0])).toEqual(['BU', 'CU', 'VVPAT']);
    // "1 Kothrud school, room 1" has a comma: quoted, so the split shows it in two halves.
    expect(rows.find((r) => r[1] === 'PS-001')?.slice(4).join(',')).toBe('"1 Kothrud school, room 1"');
    expect(rows.find((r) => r[1] === 'PS-002')?.[4]).toBe('2 Karve Road hall');
    for (const kind of ['BU', 'CU', 'VVPAT']) {
      const reserve = rows.filter((r) => r[0] === kind && r[1] === 'RESERVE-AC-210').map((r) => r[3] ?? '');
      expect(reserve.length).toBe(2);
      expect([...reserve].sort()).toEqual(reserve);
    }
  });

  test('the AC-wise list names each AC and has the training and reserve lines', async () => {
    const rows = listLines((await observer.ceremony.partyList({ districtId: pune, ceremonyId: first.id })).csv);
    expect(rows.find((r) => r[1] === 'AC-210')?.[4]).toBe('210 Kothrud');
    expect(rows.filter((r) => r[1] === 'TRAINING').map((r) => r[0])).toEqual(['BU']);
  });

  test('outside the jurisdiction the lists are refused and name the ceremony; an unfinished ceremony has none', async () => {
    const other = domainErrorOf(await trpcError(ro213.ceremony.partyList({ districtId: pune, ceremonyId: second.id })));
    expect(other?.type).toBe('outside_jurisdiction');
    expect(other?.message).toContain(second.code);
    expect(other?.message).toContain('AC 210 Kothrud');
    expect(domainErrorOf(await trpcError(mumbaiDeo.ceremony.partyList({ districtId: pune, ceremonyId: first.id })))?.type).toBe('outside_jurisdiction');
    const open = await deo.ceremony.create({ districtId: pune, stage: 'supplementary', extra: { BU: 1, CU: 0, VVPAT: 0 } });
    const refused = domainErrorOf(await trpcError(party.ceremony.partyList({ districtId: pune, ceremonyId: open.id })));
    expect(refused?.type).toBe('ceremony_state');
    expect(refused?.message).toContain(open.code);
    await deo.ceremony.abandon({ districtId: pune, ceremonyId: open.id, reason: 'test: lists of an open ceremony' });
  });

  const actorOf = async (username: string) => {
    const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    return { username, role: u.role as Actor['role'], jurisdiction: u.acId !== null ? { level: 'ac' as const, stateId: world.stateIds.mh, districtId: pune, acId: u.acId } : { level: 'district' as const, stateId: world.stateIds.mh, districtId: pune } };
  };

  test.each([
    ['en', 'PS-wise list of the second randomisation', 'Reserve'],
    ['hi', 'मतदान-केंद्रवार सूची', 'आरक्षित'],
    ['mr', 'मतदान केंद्रनिहाय यादी', 'राखीव'],
  ] as const)('the PS-wise PDF in %s carries the code, seed, hash and every serial with its ticket', async (language, title, reserve) => {
    const files = await party.ceremony.files({ districtId: pune, ceremonyId: second.id });
    const draft = await ceremonyListPdf(db, { districtId: pune, ceremonyId: second.id }, { actor: await actorOf(world.users.party_rep), language, now: world.now });
    if (!draft.ok) throw new Error(draft.error.message);
    expect(draft.value.filename).toBe(`${second.code}-ps-wise-list-${language}.pdf`);
    const text = pdfText(await renderPdf(draft.value.model));
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain(title);
    expect(text).toContain(second.code);
    expect(text).toContain(reserve);
    expect(flat).toContain((files.seed ?? '').replace(/\s+/g, ''));
    expect(flat).toContain(files.allocationHash ?? '');
    for (const row of listLines((await party.ceremony.partyList({ districtId: pune, ceremonyId: second.id })).csv)) {
      expect(text).toContain(row[2] ?? '');
      expect(text).toContain(row[3] ?? '');
    }
  });

  test.each([['en', 'AC-wise list of the first randomisation'], ['hi', 'विधानसभा-क्षेत्रवार सूची'], ['mr', 'मतदारसंघनिहाय यादी']] as const)('the AC-wise PDF in %s', async (language, title) => {
    const draft = await ceremonyListPdf(db, { districtId: pune, ceremonyId: first.id }, { actor: await actorOf(world.users.observer), language, now: world.now });
    if (!draft.ok) throw new Error(draft.error.message);
    const text = pdfText(await renderPdf(draft.value.model));
    expect(text).toContain(title);
    expect(text).toContain('210 Kothrud');
    expect(text).toContain(`${first.code} · Pune`);
    for (const row of listLines((await party.ceremony.partyList({ districtId: pune, ceremonyId: first.id })).csv)) expect(text).toContain(row[3] ?? '');
  });

  test('a logged replacement from reserve is listed under the unchanged lines, in the CSV and the PDF', async () => {
    const detail = await deo.ceremony.byId({ districtId: pune, ceremonyId: first.id });
    const old = detail.allocation.find((r) => r.kind === 'BU' && r.target === 'AC-213')?.serial ?? '';
    const next = detail.allocation.find((r) => r.kind === 'BU' && r.reserve)?.serial ?? '';
    await deo.ceremony.replace({ districtId: pune, ceremonyId: first.id, serial: old, reason: 'test: fault at commissioning' });
    const csv = (await party.ceremony.partyList({ districtId: pune, ceremonyId: first.id })).csv;
    expect(csv.endsWith(`# replaced=BU,AC-213,${old},${next}\n`)).toBe(true);
    const published = (await party.ceremony.files({ districtId: pune, ceremonyId: first.id })).allocationCsv ?? '';
    expect(listLines(csv).map((r) => r.slice(0, 3).join(','))).toEqual(published.split('\n').filter((l) => l !== ''));
    const draft = await ceremonyListPdf(db, { districtId: pune, ceremonyId: first.id }, { actor: await actorOf(world.users.party_rep), language: 'en', now: world.now });
    if (!draft.ok) throw new Error(draft.error.message);
    expect(pdfText(await renderPdf(draft.value.model)).replace(/\s+/g, ' ')).toContain(`Replaced from reserve (logged): BU ${old} of AC-213 by ${next}`);
  });

  test('the PDF is refused to an RO of another AC', async () => {
    const refused = await ceremonyListPdf(db, { districtId: pune, ceremonyId: second.id }, { actor: await actorOf('ro.hadapsar'), language: 'en', now: world.now });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.type).toBe('outside_jurisdiction');
  });
});

describe('the audit trail against a signed checkpoint', () => {
  test('every step of the second randomisation is an entry proved under the signed checkpoint; one changed byte fails', async () => {
    const p = await observer.ceremony.logProof({ districtId: pune, ceremonyId: second.id });
    expect(p.code).toBe(second.code);
    expect(p.entries.map((e) => (JSON.parse(e.entry) as { type: string }).type)).toEqual(['RAND_FREEZE', 'RAND_COMMIT', 'RAND_DICE', 'RAND_REVEAL', 'RAND_ALLOCATE', 'RAND_FINALISE']);
    const note = verifyNote(p.checkpoint.note, [p.logVkey]);
    if (!note.ok) throw new Error(note.error.message);
    const cp = parseCheckpoint(note.value.text);
    if (!cp.ok) throw new Error(cp.error.message);
    expect(cp.value.size).toBe(p.checkpoint.size);
    for (const e of p.entries) {
      expect(verifyInclusion(e.index, cp.value.size, leafHash(utf8Encode(e.entry)), e.proof.map(fromHex), cp.value.root)).toBe(true);
      expect(JSON.parse(e.entry)).toMatchObject({ reason: expect.stringContaining(`Ceremony ${second.code}`) as unknown });
    }
    const e0 = p.entries[0];
    if (!e0) throw new Error('no entry');
    const tampered = e0.entry.replace(second.code, second.code.replace(/.$/, (d) => String((Number(d) + 1) % 10)));
    expect(tampered).not.toBe(e0.entry);
    expect(verifyInclusion(e0.index, cp.value.size, leafHash(utf8Encode(tampered)), e0.proof.map(fromHex), cp.value.root)).toBe(false);
  });

  test('an abandoned ceremony has its freeze and abandon entries, and no other ceremony\'s', async () => {
    const list = await deo.ceremony.list({ districtId: pune });
    const abandoned = list.find((c) => c.status === 'abandoned');
    if (!abandoned) throw new Error('no abandoned ceremony');
    const p = await party.ceremony.logProof({ districtId: pune, ceremonyId: abandoned.id });
    expect(p.entries.map((e) => (JSON.parse(e.entry) as { type: string }).type)).toEqual(['RAND_FREEZE', 'RAND_ABANDON']);
    expect(domainErrorOf(await trpcError(mumbaiDeo.ceremony.logProof({ districtId: pune, ceremonyId: first.id })))?.type).toBe('outside_jurisdiction');
  });
});

describe('pnpm verify on both stages', () => {
  function runVerify(path: string) {
    const { INIT_CWD: _inherited, ...env } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/verify.ts', path], { cwd: API_DIR, env, encoding: 'utf8', timeout: 60_000 });
  }

  test('the export bundle redraws the first and the second randomisation; a changed second-stage line fails naming the ceremony and line', async () => {
    const { bundle, count } = await exportRandBundle(db, pune);
    expect(count).toBe(2);
    writeFileSync(join(dir, 'good.json'), bundle);
    const good = runVerify(join(dir, 'good.json'));
    expect(good.stdout).toContain(`OK: randomisation ${first.code} recomputed, allocation.csv identical`);
    expect(good.stdout).toContain(`OK: randomisation ${second.code} recomputed, allocation.csv identical`);
    expect(good.status).toBe(0);

    const parsed = JSON.parse(bundle) as { format: string; files: Record<string, string> };
    const path = `randomisations/${second.code}/allocation.csv`;
    const lines = (parsed.files[path] ?? '').split('\n');
    // The reserve's first two BU lines swap: same units, another order.
    const i = lines.findIndex((l) => l.startsWith('BU,RESERVE-'));
    [lines[i], lines[i + 1]] = [lines[i + 1] ?? '', lines[i] ?? ''];
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...parsed, files: { ...parsed.files, [path]: lines.join('\n') } }));
    const bad = runVerify(join(dir, 'bad.json'));
    expect(bad.stdout).toContain(`OK: randomisation ${first.code} recomputed`);
    expect(bad.stdout).toContain(`FAIL: randomisation ${second.code}: allocation.csv differs from the redraw`);
    expect(bad.stdout).toContain(`first difference at line ${i + 1}`);
    expect(bad.status).toBe(1);
  });
});

describe('GET /pdf/ceremonies/<districtId>/<ceremonyId>-list.pdf', () => {
  test('the party representative downloads the PS-wise list in Marathi; an RO of another AC is refused; a malformed name is not found', async () => {
    const app = await buildApp({ db, sessionTtlHours: 2, cookieSecure: false, now: () => world.now });
    try {
      const token = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password: PASSWORD }) });
        const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
        return cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '';
      };
      const get = async (url: string, username: string) => app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${await token(username)}` } });
      const ok = await get(`/pdf/ceremonies/${pune}/${second.id}-list.pdf?lang=mr`, world.users.party_rep);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-disposition']).toBe(`inline; filename="${second.code}-ps-wise-list-mr.pdf"`);
      expect(pdfText(ok.rawPayload)).toContain('मतदान केंद्रनिहाय यादी');
      const refused = await get(`/pdf/ceremonies/${pune}/${second.id}-list.pdf?lang=en`, 'ro.hadapsar');
      expect(refused.statusCode).toBe(403);
      expect((JSON.parse(refused.body) as { error: { domainError: { type: string; message: string } } }).error.domainError).toMatchObject({ type: 'outside_jurisdiction', message: expect.stringContaining(second.code) as unknown });
      expect((await get(`/pdf/ceremonies/${pune}/${second.id}.pdf`, world.users.party_rep)).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
