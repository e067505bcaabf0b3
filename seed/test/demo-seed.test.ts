import { createDb, migrateToLatest, type Database } from '@evmtrail/api/db';
import { exportBundle } from '@evmtrail/api/services';
import { verifyBundle } from '@evmtrail/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatLoginTable } from '../src/login-table.ts';
import { isSeeded, seedDemo, type SeedReport } from '../src/demo/write.ts';

describe('seedDemo on PGlite', () => {
  let database: Database;
  let report: SeedReport;

  beforeAll(async () => {
    database = await createDb({ kind: 'pglite' });
    await migrateToLatest(database.db);
    report = await seedDemo(database.db, { seed: 'evmtrail-demo', now: new Date('2026-11-01T00:00:00Z') });
  });
  afterAll(async () => {
    await database.close();
  });

  it('writes the counts it reports', async () => {
    const { db } = database;
    const count = async (table: 'districts' | 'acs' | 'units') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('districts')).toBe(report.districts);
    expect(await count('acs')).toBe(report.acs);
    expect(await count('units')).toBe(report.units);
    const ps = await db.selectFrom('locations').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'polling_station').executeTakeFirstOrThrow();
    expect(Number(ps.n)).toBe(report.pollingStations);
    expect(report.users).toHaveLength(13);
  });

  it('receives every Pune unit into WH-PUNE-01, where a first FLC campaign has checked some of them; its rejects are at the maker', async () => {
    const { db } = database;
    const rows = await db
      .selectFrom('units as u')
      .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .innerJoin('districts as d', 'd.id', 'u.districtId')
      .select(['u.state', 'l.code', (eb) => eb.fn.countAll().as('n')])
      .where('d.code', '=', 'MH-PUNE')
      // Units of the demo's supply orders (receipts.ts) are counted in the next test.
      .where((eb) => eb.not(eb.exists(eb.selectFrom('receiptLines as rl').select('rl.serial').whereRef('rl.serial', '=', 'u.serial'))))
      // So are the units of the demo consignments (consignments.ts).
      .where((eb) => eb.not(eb.exists(eb.selectFrom('consignmentUnits as cu').select('cu.serial').whereRef('cu.serial', '=', 'u.serial'))))
      .groupBy(['u.state', 'l.code'])
      .execute();
    const byState = new Map(rows.map((r) => [r.state, Number(r.n)]));
    expect(rows.every((r) => (r.state === 'at_factory_repair' ? r.code.startsWith('MFR-') : r.code === 'WH-PUNE-01')), JSON.stringify(rows)).toBe(true);
    // AC 210's share of the FLC-OK units is allocated by the demo's finalised first randomisation.
    // The units the first randomisation allocated (to AC 210 and AC 211) rode consignments to their AC strongrooms: counted below.
    expect([...byState.keys()].sort()).toEqual(['at_factory_repair', 'flc_in_progress', 'flc_ok', 'in_warehouse']);
    expect(byState.get('in_warehouse')).toBeGreaterThan(byState.get('flc_ok') ?? Infinity);
    expect(byState.get('at_factory_repair')).toBeLessThan(50);
    // The campaign went through the FLC services: results, attendance, and one unit re-checked after repair.
    const results = await db.selectFrom('flcResults').select(['serial', 'attempt', 'result']).execute();
    expect(results.some((r) => r.result === 'fail')).toBe(true);
    const recheck = results.filter((r) => r.attempt === 2 && r.result === 'pass');
    expect(recheck).toHaveLength(1);
    expect(results.find((r) => r.serial === recheck[0]?.serial && r.attempt === 1)?.result).toBe('fail');
    expect(await db.selectFrom('flcAttendance').select('id').execute()).not.toHaveLength(0);
    const flcOk = await db.selectFrom('units').select('flcCycle').distinct().where('state', '=', 'flc_ok').execute();
    expect(flcOk).toEqual([{ flcCycle: 1 }]);
  });

  it('draws the campaign\'s mock-poll sample in a cosigned ceremony; one sampled CU\'s slips do not match, so it is rejected and sent to its maker', async () => {
    const { db } = database;
    const sample = await db.selectFrom('ceremonies').select(['id', 'code', 'status', 'demandCsv']).where('stage', '=', 'flc_sample').execute();
    expect(sample).toHaveLength(1);
    expect(sample[0]).toMatchObject({ status: 'finalised' });
    expect(sample[0]?.demandCsv).toMatch(/^CU,MP-1200,\d+\nCU,MP-1000,\d+\nCU,MP-500,\d+\n$/);
    const results = await db.selectFrom('flcMockpollResults').select(['serial', 'status']).execute();
    const sampled = await db.selectFrom('ceremonyUnits').select('serial').where('ceremonyId', '=', sample[0]?.id ?? 0).where('reserve', '=', false).execute();
    expect(results.map((r) => r.serial).sort()).toEqual(sampled.map((r) => r.serial).sort());
    const mismatched = results.filter((r) => r.status === 'mismatch');
    expect(mismatched).toHaveLength(1);
    const unit = await db.selectFrom('units').select('state').where('serial', '=', mismatched[0]?.serial ?? '').executeTakeFirstOrThrow();
    expect(unit.state).toBe('at_factory_repair');
    const register = await db.selectFrom('flcResults').select('faultCode').where('serial', '=', mismatched[0]?.serial ?? '').where('attempt', '=', 2).executeTakeFirstOrThrow();
    expect(register.faultCode).toBe('MOCKPOLL_MISMATCH');
    const times = await db.selectFrom('flcAttendance').select(['timeIn', 'timeOut']).where('timeIn', 'is not', null).execute();
    expect(times.length).toBeGreaterThan(0);
  });

  it('puts two supply orders through the receipt flows: one completed, one still receiving with an orphan for the DEO', async () => {
    const { db } = database;
    const receipts = await db.selectFrom('receipts').select(['orderRef', 'status', 'expectedCount', 'receivedCount', 'orphanCount']).orderBy('id').execute();
    expect(receipts).toEqual([
      { orderRef: 'SO-BEL-2026-0417', status: 'completed', expectedCount: 24, receivedCount: 24, orphanCount: 0 },
      { orderRef: 'SO-ECIL-2026-0233', status: 'receiving', expectedCount: 30, receivedCount: 18, orphanCount: 1 },
    ]);
    const waiting = await db.selectFrom('units').select('state').where('serial', 'like', '%E3800%').where('state', '=', 'in_transit').execute();
    expect(waiting).toHaveLength(12);
  });

  it('sends two consignments from Mumbai Suburban to Pune: one in transit, one received with two discrepancies open', async () => {
    const { db } = database;
    const rows = await db.selectFrom('consignments').select(['id', 'code', 'status']).where('kind', '=', 'inter_district').orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['dispatched', 'dispatched']);
    const lines = await db.selectFrom('consignmentUnits').select(['consignmentId', 'status', (eb) => eb.fn.countAll().as('n')])
      .where('consignmentId', 'in', rows.map((r) => r.id)).groupBy(['consignmentId', 'status']).orderBy('consignmentId').orderBy('status').execute();
    expect(lines.map((l) => [l.consignmentId === rows[0]?.id ? 1 : 2, l.status, Number(l.n)])).toEqual([[1, 'in_transit', 3], [2, 'in_transit', 1], [2, 'received', 2]]);
    const issues = await db.selectFrom('consignmentIssues').select(['kind', 'resolution']).orderBy('kind').execute();
    expect(issues).toEqual([{ kind: 'missing', resolution: null }, { kind: 'unexpected', resolution: null }]);
    const onVehicle = await db.selectFrom('units as u').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select('l.kind').where('u.state', '=', 'in_transit').where('l.kind', '=', 'vehicle').execute();
    expect(onVehicle).toHaveLength(4);
    // The two received units keep one timeline: each Pune receipt names the Mumbai dispatch, and back.
    const handovers = await db.selectFrom('logEntries').select('entry').where('type', '=', 'CONSIGNMENT_HANDOVER').execute();
    expect(handovers).toHaveLength(2);
    expect(handovers[0]?.entry).toMatch(/received under \S+PUNE entry \d+ \(leaf [0-9a-f]{64}\)/);
  });

  it('logs one entry per custody step and signs a checkpoint at the head', async () => {
    const { db } = database;
    const logs = await db.selectFrom('districtLogs').select(['districtId', 'size']).execute();
    let total = 0;
    for (const log of logs) {
      const entries = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll().as('n')).where('districtId', '=', log.districtId).executeTakeFirstOrThrow();
      expect(Number(log.size)).toBe(Number(entries.n));
      const checkpoint = await db.selectFrom('logCheckpoints').select('treeSize').where('districtId', '=', log.districtId).orderBy('treeSize', 'desc').executeTakeFirstOrThrow();
      expect(Number(checkpoint.treeSize)).toBe(Number(log.size));
      total += Number(log.size);
    }
    expect(total).toBe(report.logEntries);
    const refs = await db.selectFrom('logUnitRefs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    // Two receipt steps per unit, plus each FLC (mock poll, repair) step that names it; the units still in transit
    // from a maker have only their dispatch, and a scanned orphan has its own entry.
    const inTransit = await db.selectFrom('units as u').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select((eb) => eb.fn.countAll().as('n')).where('u.state', '=', 'in_transit').where('l.kind', '!=', 'vehicle').executeTakeFirstOrThrow();
    // The demo consignments' entries name their units too (loaded, dispatched, received, discrepancies).
    const consignmentRefs = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('e.entry', 'like', '%"from":"CN-%'), eb('e.entry', 'like', '%"to":"CN-%')]))
      .executeTakeFirstOrThrow();
    // Inter-district: 18. To the AC strongrooms: each allocated unit loaded, dispatched and received (3 each).
    const toAcs = await db.selectFrom('consignmentUnits as cu').innerJoin('consignments as c', 'c.id', 'cu.consignmentId')
      .select((eb) => eb.fn.countAll().as('n')).where('c.kind', '=', 'ac_strongroom').executeTakeFirstOrThrow();
    expect(Number(consignmentRefs.n)).toBe(18 + 3 * Number(toAcs.n));
    const orphans = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'RECEIPT_ORPHAN').executeTakeFirstOrThrow();
    const flcRefs = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('e.type', 'in', ['FLC_START', 'FLC_PASS', 'FLC_FAIL', 'FLC_MOCKPOLL']), eb('e.event', 'in', ['send_for_repair', 'return_from_repair'])]))
      .executeTakeFirstOrThrow();
    expect(Number(flcRefs.n)).toBeGreaterThan(0);
    // The finalised first randomisation allocates AC 210's units, one entry naming them.
    const allocationRefs = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where('e.event', 'in', ['allocate_poll', 'allocate_training'])
      .executeTakeFirstOrThrow();
    const allocated = await db.selectFrom('ceremonyUnits as cu').innerJoin('ceremonies as c', (j) => j.onRef('c.districtId', '=', 'cu.districtId').onRef('c.id', '=', 'cu.ceremonyId'))
      .select((eb) => eb.fn.countAll().as('n')).where('c.stage', '=', 'first').where('c.status', '=', 'finalised').where('cu.reserve', '=', false).executeTakeFirstOrThrow();
    expect(Number(allocationRefs.n)).toBe(Number(allocated.n));
    expect(Number(allocationRefs.n)).toBe(Number(toAcs.n));
    // The finalised second randomisation of AC 210 names each unit of its pool once (assign_ps or assign_reserve).
    const assignRefs = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where('e.event', 'in', ['assign_ps', 'assign_reserve'])
      .executeTakeFirstOrThrow();
    // AC 210's sets: built, one failure replaced from reserve, commissioned, issued (sets.ts); its poll day (pollday.ts).
    const setRefs = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([
        eb('e.type', 'in', ['CANDIDATES', 'DISPATCH_ROUTE', 'MOCKPOLL_SAMPLE', 'SET_BUILD', 'SET_REPAIR', 'RAND_REPLACE']),
        eb('e.event', 'in', ['commission', 'fail_commissioning', 'issue_to_party', 'issue_to_sector_officer',
          'pass_mock_poll', 'fail_mock_poll', 'start_poll', 'fail_in_poll', 'close_poll', 'issue_replacement', 'replace_vvpat_in_poll']),
      ]))
      .executeTakeFirstOrThrow();
    expect(Number(setRefs.n)).toBeGreaterThan(0);
    expect(Number(orphans.n)).toBe(1);
    expect(Number(refs.n)).toBe(2 * report.units + Number(flcRefs.n) - Number(inTransit.n) + Number(orphans.n) + Number(consignmentRefs.n) + Number(allocationRefs.n) + Number(assignRefs.n) + Number(setRefs.n));
  });

  it('carries the first randomisation to the AC strongrooms and runs the second: AC 210 finalised, AC 211 open', async () => {
    const { db } = database;
    const ceremonies = await db.selectFrom('ceremonies as c').leftJoin('acs as a', 'a.id', 'c.acId').select(['c.stage', 'c.status', 'a.number'])
      .orderBy('c.id').execute();
    expect(ceremonies).toEqual([
      { stage: 'flc_sample', status: 'finalised', number: null },
      { stage: 'first', status: 'abandoned', number: null }, { stage: 'first', status: 'finalised', number: null },
      { stage: 'second', status: 'finalised', number: 210 }, { stage: 'second', status: 'committing', number: 211 },
    ]);
    const toAcs = await db.selectFrom('consignments as c').innerJoin('acs as a', 'a.id', 'c.acId')
      .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'c.toDistrictId').onRef('l.id', '=', 'c.toLocationId'))
      .select(['a.number', 'l.code', 'c.status']).where('c.kind', '=', 'ac_strongroom').orderBy('a.number').execute();
    expect(toAcs).toEqual([{ number: 210, code: 'SR-AC210', status: 'completed' }, { number: 211, code: 'SR-AC211', status: 'completed' }]);
    // Every unit the first randomisation allocated now stands in its AC's strongroom: AC 211's waiting, AC 210's drawn.
    const states = await db.selectFrom('units as u').innerJoin('acs as a', 'a.id', 'u.acId')
      .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select(['a.number', 'u.state', 'l.code', (eb) => eb.fn.countAll().as('n')]).groupBy(['a.number', 'u.state', 'l.code']).orderBy('a.number').orderBy('u.state').execute();
    // AC 210's first 16 sets go on (sets.ts): commissioned with the reserve, one unit failed and replaced, 15 issued
    // on two routes, the reserve with a sector officer; then poll day (pollday.ts) carries PS 1-5 to mid-poll. The
    // rest of its stations' units still wait in its strongroom; AC 211's wait for their second randomisation.
    const of = (ac: number) => new Set(states.filter((r) => r.number === ac).map((r) => r.state));
    expect([...of(211)]).toEqual(['in_ac_strongroom']);
    for (const state of ['assigned_ps', 'commissioned', 'commissioning_failed', 'issued_to_polling_party', 'with_sector_officer', 'mock_poll_ok', 'in_poll', 'poll_closed_sealed', 'failed_in_poll']) {
      expect(of(210), state).toContain(state);
    }
    // AC 210 has 412 stations: one BU, one CU and one VVPAT each (11 candidates); 16 of them have their sets.
    expect(Number(states.find((r) => r.state === 'assigned_ps')?.n)).toBe(3 * (412 - 16));
    const received = await db.selectFrom('logEntries').select('entry').where('event', '=', 'receive_at_ac_strongroom').execute();
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((e) => /strongroom session/.test(e.entry))).toBe(true);
  });

  it('exports each district log as a bundle the offline verifier accepts from entry 0', async () => {
    const { db } = database;
    for (const district of await db.selectFrom('districts').select(['id', 'logOrigin']).execute()) {
      const exported = await exportBundle(db, { districtId: district.id, now: new Date('2026-11-01T00:00:00Z') });
      const verified = verifyBundle(exported.bundle);
      expect(verified.ok && verified.value.origin).toBe(district.logOrigin);
    }
  });

  it('prints the login table in the format the e2e tests parse', () => {
    const table = formatLoginTable(report.users);
    const lines = table.split('\n');
    expect(lines).toHaveLength(13);
    expect(lines).toContain(`  deo.pune / ${report.users.find((u) => u.username === 'deo.pune')?.password ?? ''}  (deo, Pune)`);
    for (const line of lines) expect(line).toMatch(/^ {2}[a-z0-9.]+ \/ \S+ {2}\([a-z_]+, [^)]+\)$/);
  });

  it('refuses to seed twice', async () => {
    expect(await isSeeded(database.db)).toBe(true);
    await expect(seedDemo(database.db)).rejects.toThrow(/already seeded/);
  });
});
