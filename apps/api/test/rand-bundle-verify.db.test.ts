/**
 * A finalised ceremony exported as a randomisation bundle: `pnpm verify` recomputes it (OK),
 * fails on a tampered allocation.csv naming the line, and Rivest's own consistent_sampler.py,
 * run on the exported folder, redraws the same allocation.csv (when python3 is present).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { commit, ROLES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DB } from '../src/db/database.ts';
import type { Actor } from '../src/modules/authority/authority.service.ts';
import { exportRandBundle } from '../src/modules/audit/rand-bundle.service.ts';
import { applyUnitEvent } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_DIR = fileURLToPath(new URL('../../../packages/shared/test/fixtures/reference/', import.meta.url));
const REDRAW_PY = fileURLToPath(new URL('../../../packages/shared/tools/evmrand_redraw.py', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let code = '';
const dir = mkdtempSync(join(tmpdir(), 'evmtrail-rand-verify-'));

const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  const pune = world.districts.pune;
  await db.insertInto('locations').values([[world.acs.kothrud, 1, 'PS-210-001'], [world.acs.kothrud, 2, 'PS-210-002'], [world.acs.hadapsar, 1, 'PS-213-001']].map(([acId, ps, c]) => ({
    districtId: pune, code: String(c), kind: 'polling_station', name: `Polling station ${String(c)}`, nameHi: null, acId: Number(acId), parentId: null,
    lat: null, lon: null, psNumber: Number(ps), electors: 900, strongroomType: null,
  }))).execute();
  const all = [...serials('BUT', 12), ...serials('CUT', 7), ...serials('VVT', 8)];
  await db.insertInto('units').values(all.map((serial) => ({
    districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', maker: 'BEL', model: 'M3', year: 2022,
    ownerBodyId: 1, state: 'in_warehouse', previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
  }))).execute();
  const system = (role: Actor['role'], username: string): Actor => ({ userId: 0, username, role, jurisdiction: { level: 'nation' } });
  for (const step of [{ actor: system('deo', 'deo.pune'), event: 'start_flc' as const }, { actor: system('engineer', 'engineer.bel'), event: 'pass_flc' as const }]) {
    const r = await applyUnitEvent(db, { ...step, serials: all, districtId: pune, reason: 'FLC', now: world.now });
    if (!r.ok) throw new Error(r.error.message);
  }
  const deo = await callerFor(db, world.users.deo);
  const party = await callerFor(db, world.users.party_rep);
  const observer = await callerFor(db, world.users.observer);
  const created = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: { BU: 0, CU: 0, VVPAT: 0 } });
  code = created.code;
  const id = { districtId: pune, ceremonyId: created.id };
  const value = '0123456789abcdef0123456789abcdef';
  const c = commit({ party: 'INC', value });
  if (!c.ok) throw new Error(c.error.message);
  await party.ceremony.commit({ ...id, party: 'INC', commitment: c.value });
  await deo.ceremony.dice({ ...id, dice: '27182818284590452353' });
  await party.ceremony.reveal({ ...id, party: 'INC', reveal: value });
  await deo.ceremony.allocate(id);
  // A second ceremony left unfinalised: not in the bundle.
  await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: { BU: 0, CU: 0, VVPAT: 0 } });
  await observer.ceremony.finalise({ ...id, password: PASSWORD });
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await tdb.dispose();
});

function runVerify(path: string) {
  const { INIT_CWD: _inherited, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/verify.ts', path], { cwd: API_DIR, env, encoding: 'utf8', timeout: 60_000 });
}

/** The bundle written out as folders (the layout an observer unpacks). */
function writeFolders(files: Record<string, string>, root: string): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('pnpm verify on an exported randomisation bundle', () => {
  it('recomputes the finalised ceremony: OK, and FAIL naming the first differing line once allocation.csv is tampered', async () => {
    const { bundle, count } = await exportRandBundle(db, world.districts.pune);
    expect(count).toBe(1);
    const files = (JSON.parse(bundle) as { files: Record<string, string> }).files;
    const allocationPath = `randomisations/${code}/allocation.csv`;
    expect(Object.keys(files).sort()).toEqual(['allocation.csv', 'ceremony.json', 'demand.csv', 'pool.csv', 'seed.txt'].map((n) => `randomisations/${code}/${n}`));
    expect(JSON.parse(files[`randomisations/${code}/ceremony.json`] ?? '{}')).toMatchObject({ code, status: 'finalised' });

    writeFileSync(join(dir, 'good.json'), bundle);
    const good = runVerify(join(dir, 'good.json'));
    expect(good.stdout).toContain(`OK: randomisation ${code} recomputed, allocation.csv identical`);
    expect(good.stdout).toContain('OK: 1 randomisation(s) recomputed, all identical');
    expect(good.status).toBe(0);

    // Tamper: the first two allocated lines of different targets swap their units.
    const lines = (files[allocationPath] ?? '').split('\n');
    const i = lines.findIndex((l, k) => k > 0 && l.split(',')[1] !== lines[k - 1]?.split(',')[1]);
    const [a = '', b = ''] = [lines[i - 1], lines[i]];
    lines[i - 1] = `${a.split(',').slice(0, 2).join(',')},${b.split(',')[2] ?? ''}`;
    lines[i] = `${b.split(',').slice(0, 2).join(',')},${a.split(',')[2] ?? ''}`;
    const tampered = { ...files, [allocationPath]: lines.join('\n') };
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ files: tampered, format: 'evmtrail-rand-bundle/1' }));
    const bad = runVerify(join(dir, 'tampered.json'));
    expect(bad.stdout).toContain(`FAIL: randomisation ${code}: allocation.csv differs from the redraw`);
    expect(bad.stdout).toContain(`first difference at line ${i}: published "${lines[i - 1] ?? ''}", recomputed "${a}"`);
    expect(bad.status).toBe(1);

    // The same as unpacked folders.
    writeFolders(files, join(dir, 'good-folder'));
    expect(runVerify(join(dir, 'good-folder')).status).toBe(0);
    writeFolders(tampered, join(dir, 'bad-folder'));
    expect(runVerify(join(dir, 'bad-folder')).status).toBe(1);
  });

  it(hasPython ? "Rivest's consistent_sampler.py redraws the exported allocation.csv byte for byte" : 'python3 NOT FOUND: the exported draw was NOT cross-checked with Rivest’s sampler', () => {
    if (!hasPython) {
      expect(process.env.CI ?? '', 'CI must have python3').toBe('');
      return;
    }
    const folder = join(dir, 'good-folder', 'randomisations', code);
    const py = spawnSync('python3', [REDRAW_PY, folder, REFERENCE_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(py.stderr).toBe('');
    expect(py.status).toBe(0);
    const bad = spawnSync('python3', [REDRAW_PY, join(dir, 'bad-folder', 'randomisations', code), REFERENCE_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^differs at line \d+/);
  });
});
