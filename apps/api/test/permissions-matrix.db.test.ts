import { randomUUID } from 'node:crypto';

import { ACTIONS, ROLES, type UnitEvent } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { appRouter } from '../src/router.ts';
import { createConsignment, dispatchConsignment } from '../src/modules/consignments/consignment.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, openStrongroomSessions, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { domainErrorOf, trpcError } from './errors.ts';

/*
 * Every procedure x every role x inside/outside the role's jurisdiction, against a table
 * written out here by hand (not derived from the permission code under test). The users of
 * the fixture: eci_admin (nation), ceo (state MH), district roles in Pune, AC roles (ro,
 * sector_officer, presiding_officer) in AC 210 Kothrud of Pune.
 *
 * Inside is Pune (for AC roles: their AC's things in Pune). Outside is Bengaluru (another
 * state) for the ceo, Mumbai (same state) for district roles, and for AC roles the Hadapsar
 * AC 213 unit and the Mumbai district. eci_admin has no outside.
 */

const COLUMNS = ['eci_admin', 'ceo', 'deo', 'dy_deo', 'ro', 'warehouse', 'engineer', 'sector_officer', 'presiding_officer', 'observer', 'party_rep'] as const;

// Each cell is inside then outside: A allowed, D denied (FORBIDDEN), N answered exactly like an
// unknown serial (NOT_FOUND: another district's unit is never admitted to exist), - no such case.
const EXPECTED: Readonly<Record<string, string>> = {
  //                        eci ceo deo dyd ro  whs eng sec pre obs pty
  'auth.signIn':           'A-  A-  A-  A-  A-  A-  A-  A-  A-  A-  A-',
  'auth.signOut':          'A-  A-  A-  A-  A-  A-  A-  A-  A-  A-  A-',
  'auth.me':               'A-  A-  A-  A-  A-  A-  A-  A-  A-  A-  A-',
  'dashboard.unitCounts':  'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'district.list':         'A-  A-  A-  A-  A-  A-  A-  A-  A-  A-  A-',
  'unit.list':             'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'unit.bySerial':         'A-  AN  AN  AN  AD  AN  AN  AD  AD  AN  AN',
  'unit.transition':       'A-  AN  AN  AN  AD  AN  AN  AD  AD  DD  DD',
  'location.tree':         'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'location.mapStatus':     'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'location.byId':         'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'location.logbook':      'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'strongroom.status':     'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'strongroom.open':       'D-  DD  AD  AD  AD  AD  DD  DD  DD  DD  DD',
  'strongroom.close':      'D-  DD  AD  AD  AD  AD  DD  DD  DD  DD  DD',
  'strongroom.setKeyHolders': 'A-  AD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'log.checkpoint':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'log.inclusionProof':    'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'log.consistencyProof':  'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'log.exportBundle':      'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'receipt.list':          'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'receipt.byId':          'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'receipt.validate':      'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'receipt.create':        'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'receipt.uploadChunk':   'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'receipt.accept':        'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'receipt.reportMissing': 'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'receipt.complete':      'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'receipt.resolveIssue':  'A-  AD  AD  DD  DD  DD  DD  DD  DD  DD  DD',
  'scan.list':             'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'scan.record':           'A-  AD  AD  AD  DD  AD  DD  DD  DD  DD  DD',
  'stocktake.list':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'stocktake.byId':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'stocktake.start':       'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'stocktake.close':       'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'flc.list':              'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'flc.byId':              'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'flc.create':            'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'flc.start':             'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'flc.attend':            'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'flc.startUnits':        'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  'flc.close':             'A-  AD  AD  AD  DD  DD  DD  DD  DD  DD  DD',
  // Only the engineer records a mock-poll result (the service refuses the other transition roles).
  'flc.mockpollResult':    'D-  DD  DD  DD  DD  DD  AD  DD  DD  DD  DD',
  'consignment.list':      'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'consignment.byId':      'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'consignment.pickable':  'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'consignment.create':    'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.approve':   'A-  AD  DD  DD  DD  DD  DD  DD  DD  DD  DD',
  'consignment.pick':      'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.dispatch':  'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.reportShortfall': 'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.resolveIssue': 'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.complete':  'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'consignment.prepareFromCeremony': 'A-  AD  AD  DD  DD  AD  DD  DD  DD  DD  DD',
  'ceremony.list':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'ceremony.byId':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'ceremony.files':       'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'ceremony.partyList':   'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'ceremony.logProof':    'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'ceremony.create':      'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'ceremony.dice':        'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'ceremony.allocate':    'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'ceremony.abandon':     'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'ceremony.replace':     'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  DD',
  'ceremony.commit':      'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  AD',
  'ceremony.reveal':      'D-  DD  AD  DD  AD  DD  DD  DD  DD  DD  AD',
  'ceremony.finalise':    'D-  DD  DD  DD  DD  DD  DD  DD  DD  AD  DD',
  'sets.byAc':             'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'sets.byStation':        'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'sets.setCandidates':    'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'sets.build':            'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'sets.drawSample':       'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'sets.commission':       'D-  DD  DD  DD  AD  DD  AD  DD  DD  DD  DD',
  'sets.commissionReserves': 'D-  DD  DD  DD  AD  DD  AD  DD  DD  DD  DD',
  'sets.createRoute':      'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'sets.issue':            'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'sets.issueReserves':    'D-  DD  DD  DD  AD  DD  DD  DD  DD  DD  DD',
  'pollDay.byAc':          'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'pollDay.byStation':     'A-  AD  AD  AD  AD  AD  AD  AD  AD  AD  AD',
  'pollDay.mockPoll':      'D-  DD  DD  DD  DD  DD  DD  DD  AD  DD  DD',
  'pollDay.start':         'D-  DD  DD  DD  DD  DD  DD  DD  AD  DD  DD',
  'pollDay.close':         'D-  DD  DD  DD  DD  DD  DD  DD  AD  DD  DD',
  'pollDay.replace':       'D-  DD  DD  DD  DD  DD  DD  AD  DD  DD  DD',
};

/** What each procedure declares; auth procedures are public or need only a session. */
const META: Readonly<Record<string, 'public' | 'session' | { action: string; scope: string }>> = {
  'auth.signIn': 'public',
  'auth.signOut': 'session',
  'auth.me': 'public',
  'dashboard.unitCounts': { action: 'dashboard.read', scope: 'jurisdiction' },
  'district.list': { action: 'location.read', scope: 'jurisdiction' },
  'unit.list': { action: 'unit.read', scope: 'district' },
  'unit.bySerial': { action: 'unit.read', scope: 'unit' },
  'unit.transition': { action: 'unit.transition', scope: 'unit' },
  'location.tree': { action: 'location.read', scope: 'district' },
  'location.mapStatus': { action: 'location.read', scope: 'district' },
  'location.byId': { action: 'location.read', scope: 'district' },
  'location.logbook': { action: 'location.read', scope: 'district' },
  'strongroom.status': { action: 'location.read', scope: 'district' },
  'strongroom.open': { action: 'strongroom.session', scope: 'district' },
  'strongroom.close': { action: 'strongroom.session', scope: 'district' },
  'strongroom.setKeyHolders': { action: 'location.manage', scope: 'district' },
  'log.checkpoint': { action: 'log.read', scope: 'district' },
  'log.inclusionProof': { action: 'log.read', scope: 'district' },
  'log.consistencyProof': { action: 'log.read', scope: 'district' },
  'log.exportBundle': { action: 'log.export', scope: 'district' },
  'receipt.list': { action: 'unit.read', scope: 'district' },
  'receipt.byId': { action: 'unit.read', scope: 'district' },
  'receipt.validate': { action: 'unit.read', scope: 'district' },
  'receipt.create': { action: 'receipt.manage', scope: 'district' },
  'receipt.uploadChunk': { action: 'receipt.manage', scope: 'district' },
  'receipt.accept': { action: 'receipt.manage', scope: 'district' },
  'receipt.reportMissing': { action: 'receipt.manage', scope: 'district' },
  'receipt.complete': { action: 'receipt.manage', scope: 'district' },
  'receipt.resolveIssue': { action: 'receipt.resolve', scope: 'district' },
  'scan.list': { action: 'unit.read', scope: 'district' },
  'scan.record': { action: 'unit.transition', scope: 'district' },
  'stocktake.list': { action: 'unit.read', scope: 'district' },
  'stocktake.byId': { action: 'unit.read', scope: 'district' },
  'stocktake.start': { action: 'stocktake.run', scope: 'district' },
  'stocktake.close': { action: 'stocktake.run', scope: 'district' },
  'flc.list': { action: 'unit.read', scope: 'district' },
  'flc.byId': { action: 'unit.read', scope: 'district' },
  'flc.create': { action: 'flc.run', scope: 'district' },
  'flc.start': { action: 'flc.run', scope: 'district' },
  'flc.attend': { action: 'flc.run', scope: 'district' },
  'flc.startUnits': { action: 'flc.run', scope: 'district' },
  'flc.close': { action: 'flc.run', scope: 'district' },
  'flc.mockpollResult': { action: 'unit.transition', scope: 'district' },
  'consignment.list': { action: 'unit.read', scope: 'district' },
  'consignment.byId': { action: 'unit.read', scope: 'district' },
  'consignment.pickable': { action: 'unit.read', scope: 'district' },
  'consignment.create': { action: 'consignment.manage', scope: 'district' },
  'consignment.approve': { action: 'consignment.approve', scope: 'district' },
  'consignment.pick': { action: 'consignment.manage', scope: 'district' },
  'consignment.dispatch': { action: 'consignment.manage', scope: 'district' },
  'consignment.reportShortfall': { action: 'consignment.manage', scope: 'district' },
  'consignment.resolveIssue': { action: 'consignment.manage', scope: 'district' },
  'consignment.complete': { action: 'consignment.manage', scope: 'district' },
  'consignment.prepareFromCeremony': { action: 'consignment.manage', scope: 'district' },
  'ceremony.list': { action: 'unit.read', scope: 'district' },
  'ceremony.byId': { action: 'unit.read', scope: 'district' },
  'ceremony.files': { action: 'unit.read', scope: 'district' },
  'ceremony.partyList': { action: 'unit.read', scope: 'district' },
  'ceremony.logProof': { action: 'log.read', scope: 'district' },
  'ceremony.create': { action: 'ceremony.run', scope: 'district' },
  'ceremony.dice': { action: 'ceremony.run', scope: 'district' },
  'ceremony.allocate': { action: 'ceremony.run', scope: 'district' },
  'ceremony.abandon': { action: 'ceremony.run', scope: 'district' },
  'ceremony.replace': { action: 'ceremony.run', scope: 'district' },
  'ceremony.commit': { action: 'ceremony.commit', scope: 'district' },
  'ceremony.reveal': { action: 'ceremony.commit', scope: 'district' },
  'ceremony.finalise': { action: 'ceremony.finalise', scope: 'district' },
  'sets.byAc': { action: 'unit.read', scope: 'district' },
  'sets.byStation': { action: 'unit.read', scope: 'district' },
  'sets.setCandidates': { action: 'set.manage', scope: 'district' },
  'sets.build': { action: 'set.manage', scope: 'district' },
  'sets.drawSample': { action: 'set.manage', scope: 'district' },
  'sets.commission': { action: 'set.commission', scope: 'district' },
  'sets.commissionReserves': { action: 'set.commission', scope: 'district' },
  'sets.createRoute': { action: 'set.manage', scope: 'district' },
  'sets.issue': { action: 'set.manage', scope: 'district' },
  'sets.issueReserves': { action: 'set.manage', scope: 'district' },
  'pollDay.byAc': { action: 'unit.read', scope: 'district' },
  'pollDay.byStation': { action: 'unit.read', scope: 'district' },
  'pollDay.mockPoll': { action: 'poll.preside', scope: 'district' },
  'pollDay.start': { action: 'poll.preside', scope: 'district' },
  'pollDay.close': { action: 'poll.preside', scope: 'district' },
  'pollDay.replace': { action: 'poll.replace', scope: 'district' },
};

type Where = 'inside' | 'outside';
type Column = (typeof COLUMNS)[number];
const AC_ROLES: readonly Column[] = ['ro', 'sector_officer', 'presiding_officer'];

/**
 * For each role, a transition that the lifecycle allows it on a unit inside its jurisdiction,
 * on a unit of its own made for this test (observer and party_rep fire nothing).
 */
const INSIDE_TRANSITIONS: Readonly<Record<Column, { serial: string; state: string; at: string; flcCycle?: number; event: UnitEvent; to?: string; after: string }>> = {
  eci_admin: { serial: 'MXA0000001', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'condemn', after: 'condemned' },
  ceo: { serial: 'MXA0000002', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'condemn', after: 'condemned' },
  deo: { serial: 'MXA0000003', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'start_flc', after: 'flc_in_progress' },
  dy_deo: { serial: 'MXA0000004', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'start_flc', after: 'flc_in_progress' },
  ro: { serial: 'MXA0000005', state: 'in_ac_strongroom', at: 'SR-AC210', flcCycle: 1, event: 'assign_ps', after: 'assigned_ps' },
  warehouse: { serial: 'MXA0000006', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'dispatch', to: 'VEH-MH12-0001', after: 'in_transit' },
  engineer: { serial: 'MXA0000007', state: 'flc_in_progress', at: 'WH-PUNE-01', event: 'pass_flc', after: 'flc_ok' },
  sector_officer: { serial: 'MXA0000008', state: 'in_poll', at: 'PS-210-001', event: 'fail_in_poll', after: 'failed_in_poll' },
  presiding_officer: { serial: 'MXA0000009', state: 'issued_to_polling_party', at: 'PS-210-001', event: 'pass_mock_poll', after: 'mock_poll_ok' },
  observer: { serial: 'MXA0000010', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'report_damaged', after: 'in_warehouse' },
  party_rep: { serial: 'MXA0000011', state: 'in_warehouse', at: 'WH-PUNE-01', event: 'report_damaged', after: 'in_warehouse' },
};

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let locations: Map<string, number>;

function locationId(code: string): number {
  const id = locations.get(code);
  if (id === undefined) throw new Error(`no location ${code}`);
  return id;
}

function districtFor(role: Column, where: Where): number {
  if (where === 'inside') return world.districts.pune;
  return role === 'ceo' ? world.districts.bengaluru : world.districts.mumbai;
}

/** The AC a set step names: Kothrud inside; outside, an AC of the district beyond. */
let blrAc = 0;
function acFor(role: Column, where: Where): number {
  if (where === 'inside') return world.acs.kothrud;
  return role === 'ceo' ? blrAc : world.acs.bandra;
}

/** A unit to read: inside, one in the role's place; outside, one beyond it. */
function unitFor(role: Column, where: Where): string {
  const ac = AC_ROLES.includes(role);
  if (where === 'inside') return ac ? world.units.puneKothrud : world.units.puneWarehouse[0] ?? '';
  if (role === 'ceo') return world.units.bengaluru;
  return ac ? world.units.puneHadapsar : world.units.mumbai;
}

/** A location to open: inside, one in the role's place; outside, one in the district beyond it. */
function locationFor(role: Column, where: Where): number {
  if (where === 'inside') return AC_ROLES.includes(role) ? world.locations.kothrudSr : world.locations.puneWh;
  return role === 'ceo' ? world.locations.blrWh : world.locations.mumbaiWh;
}

/** A strongroom to act on: inside, AC 210's (in Pune); outside, a place of the district beyond. */
function strongroomFor(role: Column, where: Where): number {
  return where === 'inside' ? world.locations.kothrudSr : locationFor(role, where);
}

/** A planned FLC campaign in Pune whose notice runs until 2099: starting it, or taking attendance or units, is refused by the service. */
let matrixCampaign = 0;
let matrixElection = 0;

/**
 * Mutations whose 'A' means admitted by authority: the service then refuses the call for a reason
 * of its own (not a key-holder, the same key-holder twice), never forbidden or outside_jurisdiction.
 */
const ADMITTED_ONLY = [
  'strongroom.open', 'strongroom.close', 'strongroom.setKeyHolders',
  // FLC steps on a campaign whose notice runs until 2099 (flc_notice_period / flc_campaign_status).
  'flc.start', 'flc.attend', 'flc.startUnits', 'flc.close', 'flc.mockpollResult',
  // Ceremony steps on a ceremony that does not exist (not_found), or a draw with an empty demand (invalid_input).
  'ceremony.create', 'ceremony.dice', 'ceremony.allocate', 'ceremony.abandon', 'ceremony.replace', 'ceremony.commit', 'ceremony.reveal', 'ceremony.finalise',
  // The lists of a ceremony that does not exist (not_found).
  'ceremony.partyList',
  // Consignments to the AC strongrooms from a ceremony that does not exist (not_found).
  'consignment.prepareFromCeremony',
  // Set steps with nothing to act on (no candidates, no sets, no such set or route) or past a rule (BUs per CU, 10-12 stations).
  'sets.setCandidates', 'sets.build', 'sets.drawSample', 'sets.commission', 'sets.commissionReserves', 'sets.createRoute', 'sets.issue', 'sets.issueReserves',
  // Poll-day steps and reads at a place that is not a polling station with an issued set (not_found, poll_step).
  'pollDay.byStation', 'pollDay.mockPoll', 'pollDay.start', 'pollDay.close', 'pollDay.replace',
];
const MISSING_CEREMONY = 999_999;
let matrixCeremony = 0;
let matrixHall = 0;

function inputFor(path: string, role: Column, where: Where): unknown {
  const districtId = districtFor(role, where);
  switch (path) {
    case 'auth.signIn': return { username: world.users[role], password: PASSWORD };
    case 'auth.signOut': case 'auth.me': case 'district.list': return {};
    case 'dashboard.unitCounts': case 'unit.list': case 'location.tree': case 'location.mapStatus': case 'log.checkpoint': case 'log.exportBundle': return { districtId };
    case 'log.inclusionProof': return { districtId, index: 0 };
    case 'location.byId': case 'location.logbook': return { districtId, locationId: locationFor(role, where) };
    case 'strongroom.status': return { districtId, locationId: strongroomFor(role, where) };
    case 'strongroom.open': return {
      districtId, locationId: strongroomFor(role, where), secondKeyHolderId: 1, secondKeyHolderPassword: PASSWORD,
      witnesses: [{ name: 'Matrix Witness', party: 'Independent', idCard: 'MX-1' }], sealsBroken: [],
    };
    case 'strongroom.close': return { districtId, locationId: strongroomFor(role, where), sealsApplied: ['MX-SEAL-1'] };
    case 'strongroom.setKeyHolders': return { districtId, locationId: strongroomFor(role, where), firstKeyHolderId: 1, secondKeyHolderId: 1 };
    case 'log.consistencyProof': return { districtId, fromSize: 1 };
    case 'unit.bySerial': return { serial: unitFor(role, where) };
    case 'receipt.list': return { districtId };
    case 'receipt.create': return { districtId, maker: 'BEL', orderRef: `SO-MATRIX-${role}-${where}`, destinationId: where === 'inside' ? world.locations.puneWh : locationFor(role, where) };
    case 'scan.list': return { districtId, task: { kind: 'receipt', id: receiptFor(role, where, 'receiving') } };
    case 'scan.record': return { districtId, task: { kind: 'receipt', id: receiptFor(role, where, 'receiving') }, serial: `ORPH${String(COLUMNS.indexOf(role)).padStart(6, '0')}`, key: randomUUID(), scannedAt: world.now.toISOString(), via: 'typed' };
    case 'unit.transition': {
      const move = INSIDE_TRANSITIONS[role];
      const serial = where === 'inside' ? move.serial : unitFor(role, where);
      return { serial, event: move.event, ...(move.to ? { toLocationId: locationId(move.to) } : {}) };
    }
    case 'receipt.byId': case 'receipt.validate': return { districtId, receiptId: receiptFor(role, where, 'draft') };
    case 'receipt.uploadChunk': return { districtId, receiptId: receiptFor(role, where, 'draft'), firstLine: 1, text: 'kind,model,serial,year' };
    case 'receipt.accept': return { districtId, receiptId: receiptFor(role, where, 'accept') };
    case 'receipt.reportMissing': return { districtId, receiptId: receiptFor(role, where, 'missing'), reason: 'matrix' };
    case 'receipt.complete': return { districtId, receiptId: receiptFor(role, where, 'complete'), unsyncedScans: 0 };
    case 'receipt.resolveIssue': return { districtId, receiptId: receiptFor(role, where, 'issue'), kind: 'conflict', serial: `CONF${String(COLUMNS.indexOf(role)).padStart(6, '0')}`, resolution: 'returned_to_maker', note: 'matrix' };
    case 'stocktake.list': return { districtId };
    case 'consignment.list': return { districtId };
    case 'consignment.byId': return { districtId, consignmentId: consignmentFor('byId', 'eci_admin') };
    case 'consignment.pickable': return { districtId, consignmentId: consignmentFor('byId', 'eci_admin') };
    case 'consignment.create': return { districtId, kind: 'inter_warehouse', fromLocationId: world.locations.puneWh, toLocationId: locationId('MX-CN-TO') };
    case 'consignment.approve': return { districtId, consignmentId: consignmentFor('approve', role) };
    case 'consignment.pick': return { districtId, consignmentId: consignmentFor('pick', role), serials: [`MXP${String(COLUMNS.indexOf(role)).padStart(7, '0')}`] };
    case 'consignment.dispatch': return { districtId, consignmentId: consignmentFor('dispatch', role), vehicleNumber: 'MH12MX0001', driver: 'Matrix driver', escort: 'Matrix escort', seals: ['MX-1'] };
    case 'consignment.reportShortfall': return { districtId, consignmentId: consignmentFor('shortfall', role) };
    case 'consignment.resolveIssue': return { districtId, consignmentId: consignmentFor('resolve', role), serial: 'MXU0000001', resolution: 'returned', note: 'matrix' };
    case 'consignment.complete': return { districtId, consignmentId: consignmentFor('complete', role), unsyncedScans: 0 };
    case 'consignment.prepareFromCeremony': return { districtId, ceremonyId: MISSING_CEREMONY };
    case 'stocktake.byId': return { districtId, stocktakeId: stocktakeFor(role, 'close') };
    case 'stocktake.start': return { districtId, locationId: where === 'inside' ? locationId(`MX-ST-start-${role}`) : locationFor(role, where) };
    case 'stocktake.close': return { districtId, stocktakeId: stocktakeFor(role, 'close'), unsyncedScans: 0 };
    case 'flc.list': return { districtId };
    case 'flc.byId': case 'flc.start': case 'flc.close': return { districtId, campaignId: matrixCampaign };
    case 'flc.mockpollResult': return { districtId, campaignId: matrixCampaign, serial: unitFor(role, where), votesCast: 500, cuTotal: 500, slips: 500 };
    case 'flc.create': return {
      // Inside, the district's FLC hall (a campaign is held only in one); outside, a place beyond.
      districtId, electionId: matrixElection, hallLocationId: where === 'inside' && !AC_ROLES.includes(role) ? matrixHall : locationFor(role, where), startsOn: '2099-02-01', endsOn: '2099-02-10',
      supervisorName: 'Matrix Supervisor', noticeDate: '2099-01-20', parties: ['Party A', 'Party B'],
    };
    case 'flc.attend': return { districtId, campaignId: matrixCampaign, day: '2099-02-01', name: 'Matrix Rep', role: 'party_rep' };
    case 'flc.startUnits': return { districtId, campaignId: matrixCampaign, serials: [unitFor(role, where)] };
    case 'ceremony.list': return { districtId };
    case 'ceremony.byId': case 'ceremony.files': case 'ceremony.logProof': return { districtId, ceremonyId: matrixCeremony };
    case 'ceremony.partyList': return { districtId, ceremonyId: MISSING_CEREMONY };
    case 'ceremony.create': return { districtId, stage: 'supplementary', ...(AC_ROLES.includes(role) && where === 'inside' ? { acId: world.acs.kothrud } : {}) };
    case 'ceremony.dice': return { districtId, ceremonyId: MISSING_CEREMONY, dice: '12345678901234567890' };
    case 'ceremony.allocate': return { districtId, ceremonyId: MISSING_CEREMONY };
    case 'ceremony.abandon': return { districtId, ceremonyId: MISSING_CEREMONY, reason: 'matrix' };
    case 'ceremony.replace': return { districtId, ceremonyId: MISSING_CEREMONY, serial: 'BUB3000001', reason: 'matrix' };
    case 'ceremony.commit': return { districtId, ceremonyId: MISSING_CEREMONY, party: 'MX', commitment: 'a'.repeat(64) };
    case 'ceremony.reveal': return { districtId, ceremonyId: MISSING_CEREMONY, party: 'MX', reveal: 'b'.repeat(32) };
    case 'ceremony.finalise': return { districtId, ceremonyId: MISSING_CEREMONY, password: PASSWORD };
    case 'sets.byAc': return { districtId, acId: acFor(role, where) };
    case 'sets.byStation': return { districtId, stationId: locationFor(role, where) };
    case 'sets.setCandidates': return { districtId, acId: acFor(role, where), candidates: 999 };
    case 'sets.build': case 'sets.drawSample': return { districtId, acId: acFor(role, where), ...(path === 'sets.drawSample' ? { dice: '12345678901234567890' } : {}) };
    case 'sets.commission': return {
      districtId, setId: 999_999, ballotPaper: 'BP-1', sluId: 'SLU-1', sluContainerSeal: 'SC-1', vvpatBatteryId: 'BAT-1', paperRollId: 'PR-1',
      pinkSeals: ['PK-1'], greenSeals: ['GR-1'], addressTags: ['AT-1'], mockPollVotes: 3, mockPollSlips: 3,
    };
    case 'sets.commissionReserves': return { districtId, acId: acFor(role, where), ballotPaper: 'BP-1', sluId: 'SLU-1' };
    case 'sets.createRoute': return { districtId, acId: acFor(role, where), name: 'Matrix route', vehicleId: 'MH12MX0001', stops: [{ stationNumber: 999, partyId: 'PP-1' }] };
    case 'sets.issue': return { districtId, routeId: 999_999, serial: 'BUB3000001' };
    case 'sets.issueReserves': return { districtId, acId: acFor(role, where), officerName: 'Matrix SO', vehicleId: 'MH12MX0002', stationNumbers: [1], serials: ['BUB3000001'] };
    case 'pollDay.byAc': return { districtId, acId: acFor(role, where) };
    case 'pollDay.byStation': case 'pollDay.start': return { districtId, stationId: locationFor(role, where) };
    case 'pollDay.mockPoll': return { districtId, stationId: locationFor(role, where), votes: 50, agents: [{ name: 'Matrix Agent', party: 'Party A' }], seals: ['MXS-1'] };
    case 'pollDay.close': return { districtId, stationId: locationFor(role, where), seals: ['MXS-2'], votesRecorded: 1 };
    case 'pollDay.replace': return { districtId, stationId: locationFor(role, where), failed: [{ serial: 'BUB3000001', faultCode: 'MX' }], replacements: ['BUB3000002'], reason: 'matrix' };
    default: throw new Error(`no input for ${path}: add it to the matrix`);
  }
}

/** Receipts made for the matrix: per role and side, one for each step that needs its own. */
type ReceiptUse = 'draft' | 'receiving' | 'accept' | 'missing' | 'complete' | 'issue';
const receipts = new Map<string, number>();

function receiptFor(role: Column, where: Where, use: ReceiptUse): number {
  const id = receipts.get(`${use}/${role}/${where}`);
  if (id === undefined) throw new Error(`no matrix receipt ${use}/${role}/${where}`);
  return id;
}

async function makeMatrixReceipts(): Promise<void> {
  const creator = (await db.selectFrom('users').select('id').where('username', '=', world.users.eci_admin).executeTakeFirstOrThrow()).id;
  let n = 0;
  for (const role of COLUMNS) {
    for (const where of ['inside', 'outside'] as const) {
      const districtId = districtFor(role, where);
      const destinationId = where === 'inside' ? world.locations.puneWh : locationFor(role, where);
      const plant = await db.selectFrom('locations').select('id').where('districtId', '=', districtId).orderBy('id').executeTakeFirstOrThrow();
      for (const use of ['draft', 'receiving', 'accept', 'missing', 'complete', 'issue'] as const) {
        n += 1;
        const status = use === 'draft' || use === 'accept' ? 'draft' : 'receiving';
        const row = await db.insertInto('receipts').values({ districtId, maker: 'BEL', orderRef: `SO-M-${n}`, destinationId, status, createdBy: creator, createdAt: world.now, expectedCount: use === 'missing' ? 1 : 0 }).returning('id').executeTakeFirstOrThrow();
        receipts.set(`${use}/${role}/${where}`, row.id);
        const serial = `BUB37${String(n).padStart(5, '0')}`;
        if (use === 'accept') await db.insertInto('manifestUploads').values({ districtId, receiptId: row.id, line: 2, text: `BU,M3,${serial},2023` }).execute();
        if (use === 'missing') {
          await db.insertInto('units').values({ districtId, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state: 'in_transit', previousState: null, locationId: plant.id, holdRef: null, flcCycle: null, updatedAt: world.now }).execute();
          await db.insertInto('receiptLines').values({ districtId, receiptId: row.id, line: 2, serial, kind: 'BU', model: 'M3', year: 2023 }).execute();
        }
        if (use === 'issue') await db.insertInto('receiptIssues').values({ districtId, receiptId: row.id, kind: 'conflict', serial: `CONF${String(COLUMNS.indexOf(role)).padStart(6, '0')}`, line: 2, detail: 'matrix', createdAt: world.now }).execute();
      }
    }
  }
}

/** Per use and role, a Pune consignment in the state that use needs (made through the service). */
const consignments = new Map<string, number>();
// The RO holds consignment.manage only for receipts into their own AC strongroom: given a real consignment, the service refuses them.
const CONSIGNMENT_ROLES: readonly Column[] = ['eci_admin', 'ceo', 'deo', 'warehouse', 'ro'];

function consignmentFor(use: string, role: Column): number {
  return consignments.get(`${use}/${role}`) ?? 2_000_000_000;
}

async function makeMatrixConsignments(): Promise<void> {
  const pune = world.districts.pune;
  const eci = await db.selectFrom('users').select('id').where('username', '=', world.users.eci_admin).executeTakeFirstOrThrow();
  const actor = { userId: eci.id, username: world.users.eci_admin, role: 'eci_admin' as const, jurisdiction: { level: 'nation' as const } };
  const to = (await db.insertInto('locations').values({
    districtId: pune, code: 'MX-CN-TO', kind: 'warehouse', name: 'Matrix consignee', nameHi: null, acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const unit = (serial: string) => ({ districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state: 'in_warehouse', previousState: null, locationId: world.locations.puneWh, holdRef: null, flcCycle: null, updatedAt: world.now });
  const make = async (p: { kind?: 'inter_district'; serials?: string[] }) => {
    const r = await createConsignment(db, {
      districtId: pune, fromLocationId: world.locations.puneWh, kind: p.kind ?? 'inter_warehouse', actor, now: world.now,
      ...(p.kind ? { toDistrictId: world.districts.mumbai, toLocationId: world.locations.mumbaiWh } : { toLocationId: to }),
      ...(p.serials ? { serials: p.serials } : {}),
    });
    if (!r.ok) throw new Error(`matrix consignment: ${r.error.message}`);
    return r.value.id;
  };
  const sent = async (serial: string) => {
    await db.insertInto('units').values(unit(serial)).execute();
    const id = await make({ serials: [serial] });
    const r = await dispatchConsignment(db, { districtId: pune, consignmentId: id, vehicleNumber: 'MH12MX0000', driver: 'd', escort: 'e', seals: ['MX-0'], actor, now: world.now });
    if (!r.ok) throw new Error(`matrix dispatch: ${r.error.message}`);
    return id;
  };
  consignments.set('byId/eci_admin', await make({}));
  for (const role of CONSIGNMENT_ROLES) {
    const n = String(COLUMNS.indexOf(role)).padStart(7, '0');
    consignments.set(`approve/${role}`, await make({ kind: 'inter_district' }));
    await db.insertInto('units').values(unit(`MXP${n}`)).execute();
    consignments.set(`pick/${role}`, await make({}));
    await db.insertInto('units').values(unit(`MXD${n}`)).execute();
    consignments.set(`dispatch/${role}`, await make({ serials: [`MXD${n}`] }));
    consignments.set(`shortfall/${role}`, await sent(`MXS${n}`));
    const resolve = await sent(`MXR${n}`);
    await db.insertInto('consignmentIssues').values({ consignmentId: resolve, serial: 'MXU0000001', kind: 'unexpected', detail: 'matrix', createdAt: world.now, resolution: null, resolutionNote: null, resolvedBy: null }).execute();
    consignments.set(`resolve/${role}`, resolve);
    const complete = await sent(`MXK${n}`);
    await db.updateTable('consignmentUnits').set({ status: 'received' }).where('consignmentId', '=', complete).execute();
    consignments.set(`complete/${role}`, complete);
  }
}

/** Per role, a Pune place to start a stocktake at and an open stocktake (at a place of its own) to close. */
const stocktakes = new Map<string, number>();

function stocktakeFor(role: Column, use: 'close'): number {
  const id = stocktakes.get(`${use}/${role}`);
  if (id === undefined) throw new Error(`no matrix stocktake ${use}/${role}`);
  return id;
}

async function makeMatrixStocktakes(): Promise<void> {
  const starter = (await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow()).id;
  const districtId = world.districts.pune;
  for (const role of COLUMNS) {
    for (const use of ['start', 'close'] as const) {
      const place = await db.insertInto('locations').values({
        districtId, code: `MX-ST-${use}-${role}`, kind: 'warehouse', name: `Matrix ${use} ${role}`, nameHi: null,
        acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
      }).returning('id').executeTakeFirstOrThrow();
      if (use === 'close') {
        const row = await db.insertInto('stocktakes').values({ districtId, locationId: place.id, startedBy: starter, startedAt: world.now, note: null }).returning('id').executeTakeFirstOrThrow();
        stocktakes.set(`${use}/${role}`, row.id);
      }
    }
  }
}

type Caller = Awaited<ReturnType<typeof callerFor>>;

function invoke(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const [namespace = '', name = ''] = path.split('.');
  const procedures = caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const procedure = procedures[namespace]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure(input);
}


/** What a refused call must leave as it was. */
async function snapshot() {
  const count = async (table: 'logEntries' | 'logCheckpoints' | 'sessions') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    units: await db.selectFrom('units').select(['serial', 'state', 'locationId', 'version']).orderBy('serial').execute(),
    logs: await db.selectFrom('districtLogs').select(['districtId', 'size']).orderBy('districtId').execute(),
    entries: await count('logEntries'),
    checkpoints: await count('logCheckpoints'),
    sessions: await count('sessions'),
  };
}

const PROCEDURES = Object.keys(appRouter._def.procedures).sort();

interface Case {
  readonly path: string;
  readonly role: Column;
  readonly where: Where;
  readonly expected: 'A' | 'D' | 'N' | undefined;
}

/** Cases come from the router, so a procedure missing from EXPECTED gives a failing case. */
const CASES: Case[] = PROCEDURES.flatMap((path) => {
  const cells = EXPECTED[path]?.split(/\s+/);
  return COLUMNS.flatMap((role, column) => (['inside', 'outside'] as const).flatMap((where, side) => {
    const cell = cells?.[column]?.[side];
    if (cell === '-') return [];
    return [{ path, role, where, expected: cell === 'A' || cell === 'D' || cell === 'N' ? cell : undefined }];
  }));
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  await db.insertInto('locations').values({
    districtId: world.districts.pune, code: 'PS-210-001', kind: 'polling_station', name: 'PS 1 Kothrud', nameHi: null,
    acId: world.acs.kothrud, parentId: null, lat: null, lon: null, psNumber: 1, electors: 1200, strongroomType: null,
  }).execute();
  blrAc = (await db.insertInto('acs').values({ stateId: world.stateIds.ka, districtId: world.districts.bengaluru, number: 150, name: 'Matrix Bengaluru AC', nameHi: null, pcId: null }).returning('id').executeTakeFirstOrThrow()).id;
  await makeMatrixStocktakes();
  matrixHall = (await db.insertInto('locations').values({
    districtId: world.districts.pune, code: 'FLC-HALL-MX', kind: 'flc_hall', name: 'Matrix FLC hall', nameHi: null,
    acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  matrixElection = (await db.insertInto('elections').values({ bodyId: 1, code: 'MX-2099', name: 'Matrix election', kind: 'assembly', stateId: world.stateIds.mh, rules: '{}' }).returning('id').executeTakeFirstOrThrow()).id;
  const planner = (await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow()).id;
  matrixCampaign = (await db.insertInto('flcCampaigns').values({
    districtId: world.districts.pune, electionId: matrixElection, hallLocationId: world.locations.puneWh, startsOn: '2099-02-01', endsOn: '2099-02-10',
    supervisorName: 'Matrix Supervisor', noticeDate: '2099-01-20', parties: JSON.stringify(['Party A']), createdBy: planner, createdAt: world.now,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const starter = (await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow()).id;
  matrixCeremony = (await db.insertInto('ceremonies').values({
    districtId: world.districts.pune, code: 'R1-MX-1', stage: 'first', acId: null, electionId: 'GE2029', scope: 'MH-PUNE', status: 'committing',
    poolCsv: '', poolHash: '0'.repeat(64), demandCsv: '', demandHash: '0'.repeat(64), createdBy: starter, createdAt: world.now,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await makeMatrixReceipts();
  await makeMatrixConsignments();
  locations = new Map((await db.selectFrom('locations').select(['code', 'id']).execute()).map((l) => [l.code, l.id]));
  // Moves in and out of the AC strongrooms need an open session (strongroom.guard.ts).
  await openStrongroomSessions(db, world, [world.locations.kothrudSr, world.locations.hadapsarSr]);
  await db.insertInto('units').values(Object.values(INSIDE_TRANSITIONS).map((t) => ({
    districtId: world.districts.pune, serial: t.serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1,
    state: t.state, previousState: null, locationId: locationId(t.at), holdRef: null, flcCycle: t.flcCycle ?? null, updatedAt: world.now,
  }))).execute();
});

afterAll(async () => {
  await tdb.dispose();
});

describe('the table', () => {
  test('has a row for every procedure of appRouter, and no other', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(PROCEDURES);
    expect(Object.keys(META).sort()).toEqual(PROCEDURES);
  });

  test('has a column for every role, and a well-formed cell in each', () => {
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort());
    for (const [path, row] of Object.entries(EXPECTED)) {
      const cells = row.split(/\s+/);
      expect(cells, path).toHaveLength(COLUMNS.length);
      for (const cell of cells) expect(cell, path).toMatch(/^[ADN][ADN-]$/);
      // The nation has no outside.
      expect(cells[0]?.[1], path).toBe('-');
    }
  });
});

describe('every procedure x every role x inside/outside', () => {
  test.each(CASES)('$path as $role, $where: $expected', async ({ path, role, where, expected }) => {
    expect(expected, `no row for ${path} in EXPECTED`).toBeDefined();
    const caller = await callerFor(db, world.users[role]);
    const input = inputFor(path, role, where);
    const before = await snapshot();
    if (expected === 'A' && ADMITTED_ONLY.includes(path)) {
      const error = await trpcError(invoke(caller, path, input));
      const why = path.startsWith('ceremony.') || path === 'consignment.prepareFromCeremony' ? /^(not_found|invalid_input)$/
        : path.startsWith('flc.') ? /^(invalid_input|flc_notice_period|flc_campaign_status)$/
        : path.startsWith('sets.') ? /^(not_found|invalid_input|bu_per_cu_limit|sector_station_count)$/
          : path.startsWith('pollDay.') ? /^(not_found|poll_step)$/ : /^(not_key_holder|invalid_input)$/;
      expect(domainErrorOf(error)?.type).toMatch(why);
      expect(await snapshot()).toEqual(before);
      return;
    }
    if (expected === 'A') {
      const result = await invoke(caller, path, input);
      if (path === 'unit.transition') {
        const move = INSIDE_TRANSITIONS[role];
        const unit = await db.selectFrom('units').select(['state', 'version']).where('serial', '=', move.serial).executeTakeFirstOrThrow();
        expect(unit).toEqual({ state: move.after, version: 1 });
        expect((await snapshot()).entries).toBe(before.entries + 1);
      }
      if (path === 'unit.bySerial') expect(result).toMatchObject({ unit: { serial: unitFor(role, where) } });
      return;
    }
    const error = await trpcError(invoke(caller, path, input));
    if (expected === 'N') {
      // Exactly the answer to a serial nobody holds: same code, same sentence, no district named.
      const serial = (input as { serial: string }).serial;
      const unknown = await trpcError(invoke(caller, path, { ...(input as object), serial: 'ZZZ9999999' }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(`Unit ${serial} not found`);
      expect(error.message.replace(serial, 'ZZZ9999999')).toBe(unknown.message);
      expect(domainErrorOf(error)).toEqual({ type: 'not_found', message: error.message, params: { serial } });
    } else {
      expect(error.code).toBe('FORBIDDEN');
      expect(domainErrorOf(error)?.type).toMatch(/^(forbidden|outside_jurisdiction)$/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('AC roles inside their own district', () => {
  test.each(AC_ROLES)('%s sees only AC 210 units and may not ask for AC 213', async (role) => {
    const caller = await callerFor(db, world.users[role]);
    const page = await caller.unit.list({ districtId: world.districts.pune });
    const acs = await db.selectFrom('units as u').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select(['u.serial', 'l.acId']).where('u.serial', 'in', page.items.map((i) => i.serial)).execute();
    expect(acs.length).toBeGreaterThan(0);
    expect(acs.every((u) => u.acId === world.acs.kothrud)).toBe(true);

    const before = await snapshot();
    const error = await trpcError(caller.unit.list({ districtId: world.districts.pune, acId: world.acs.hadapsar }));
    expect(error.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);

    const tree = await caller.location.tree({ districtId: world.districts.pune });
    expect(tree.acs.map((a) => a.number)).toEqual([210]);
    expect(tree.locations.acId.length).toBeGreaterThan(0);
    expect(tree.locations.acId.every((acId) => acId === world.acs.kothrud)).toBe(true);
  });
});

describe('anonymous callers', () => {
  const PUBLIC = ['auth.signIn', 'auth.me'];

  test.each(PROCEDURES.filter((p) => !PUBLIC.includes(p)))('%s refuses an anonymous caller with UNAUTHORIZED', async (path) => {
    const anonymous = await callerFor(db, null);
    const before = await snapshot();
    const error = await trpcError(invoke(anonymous, path, inputFor(path, 'eci_admin', 'inside')));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(domainErrorOf(error)?.type).toBe('unauthenticated');
    expect(await snapshot()).toEqual(before);
  });

  test('auth.me answers null and auth.signIn signs in', async () => {
    const anonymous = await callerFor(db, null);
    expect(await anonymous.auth.me({})).toBeNull();
    expect(await anonymous.auth.signIn({ username: world.users.observer, password: PASSWORD })).toMatchObject({ user: { username: 'observer.test' } });
  });
});

describe('procedure metadata', () => {
  test.each(PROCEDURES)('%s declares what the table says', (path) => {
    // At run time `_def.procedures` is flat, keyed by the dotted path.
    const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { action?: string; scope?: string } } }>)[path];
    const meta = procedure?._def.meta;
    const expected = META[path];
    if (expected === 'public' || expected === 'session') {
      expect(path.startsWith('auth.')).toBe(true);
      expect(meta).toBeUndefined();
      return;
    }
    // Every data procedure names its action and how its input names a place.
    expect(meta?.action).toBeDefined();
    expect(ACTIONS).toContain(meta?.action);
    expect(['district', 'unit', 'jurisdiction']).toContain(meta?.scope);
    expect(meta).toEqual(expected);
  });
});

describe('district.list', () => {
  test.each([
    ['eci_admin', ['Bengaluru Urban', 'Mumbai Suburban', 'Pune']],
    ['ceo', ['Mumbai Suburban', 'Pune']],
    ['deo', ['Pune']],
    ['ro', ['Pune']],
  ] as const)('lists only the districts inside the jurisdiction of %s', async (role, names) => {
    const caller = await callerFor(db, world.users[role]);
    const districts = await caller.district.list({});
    expect(districts.map((d) => d.name).sort()).toEqual([...names]);
  });
});

describe('authority at every place a change touches (cross-AC)', () => {
  const SERIAL = 'MXC0000001';
  const ALLOCATED = 'MXC0000002';
  const ro213 = 'ro.ac213';

  beforeAll(async () => {
    const ro = await db.selectFrom('users').selectAll().where('username', '=', world.users.ro).executeTakeFirstOrThrow();
    const { id: _id, createdAt: _createdAt, ...rest } = ro;
    await db.insertInto('users').values({ ...rest, username: ro213, acId: world.acs.hadapsar }).execute();
    await db.insertInto('units').values([
      { serial: SERIAL, state: 'commissioned', locationId: world.locations.hadapsarSr, acId: world.acs.hadapsar },
      { serial: ALLOCATED, state: 'flc_ok', locationId: world.locations.puneWh, acId: null },
    ].map((u) => ({ ...u, districtId: world.districts.pune, kind: 'CU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: 1, updatedAt: world.now }))).execute();
  });

  const unitAc = async (serial: string) =>
    (await db.selectFrom('units').select(['acId', 'state']).where('serial', '=', serial).executeTakeFirstOrThrow());

  test('a unit sent by AC 213 to a district-level vehicle keeps AC 213; AC 210 cannot take it', async () => {
    const ro = await callerFor(db, ro213);
    await ro.unit.transition({ serial: SERIAL, event: 'issue_to_sector_officer', toLocationId: world.locations.truck });
    expect(await unitAc(SERIAL)).toEqual({ acId: world.acs.hadapsar, state: 'with_sector_officer' });

    const sector210 = await callerFor(db, world.users.sector_officer);
    const before = await snapshot();
    const error = await trpcError(sector210.unit.transition({ serial: SERIAL, event: 'return_reserve', toLocationId: world.locations.kothrudSr }));
    expect(error.code).toBe('FORBIDDEN');
    // Refused where the unit belongs, named as a person knows it, before any lifecycle check.
    expect(domainErrorOf(error)).toMatchObject({ type: 'outside_jurisdiction', params: { serial: SERIAL, acNumber: 213, acName: 'Hadapsar', districtName: 'Pune', role: 'sector_officer' } });
    expect(error.message).toContain('AC 213 Hadapsar');
    expect(error.message).not.toContain('with_sector_officer');
    expect(await snapshot()).toEqual(before);

    // AC 213's RO still holds it; AC 210's RO may not even read it.
    expect(await (await callerFor(db, ro213)).unit.bySerial({ serial: SERIAL })).toMatchObject({ unit: { serial: SERIAL, acNumber: 213 } });
    expect((await trpcError((await callerFor(db, world.users.ro)).unit.bySerial({ serial: SERIAL }))).code).toBe('FORBIDDEN');
  });

  test('an AC user learns nothing of a district-level unit: refused before the lifecycle', async () => {
    const ro = await callerFor(db, world.users.ro);
    const serial = world.units.puneWarehouse[0] ?? '';
    const error = await trpcError(ro.unit.transition({ serial, event: 'assign_ps' }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'outside_jurisdiction', params: { serial, districtName: 'Pune' } });
    expect(error.message).not.toContain('in_warehouse');
  });

  test('the first randomisation allocates to an AC; only that AC takes the unit in', async () => {
    const deo = await callerFor(db, world.users.deo);
    const missing = await trpcError(deo.unit.transition({ serial: ALLOCATED, event: 'allocate_poll' }));
    expect(domainErrorOf(missing)?.type).toBe('invalid_input');
    await deo.unit.transition({ serial: ALLOCATED, event: 'allocate_poll', toAcId: world.acs.kothrud });
    expect(await unitAc(ALLOCATED)).toEqual({ acId: world.acs.kothrud, state: 'allocated_poll' });

    const refused = await trpcError((await callerFor(db, ro213)).unit.transition({ serial: ALLOCATED, event: 'receive_at_ac_strongroom', toLocationId: world.locations.hadapsarSr }));
    expect(domainErrorOf(refused)).toMatchObject({ type: 'outside_jurisdiction', params: { acNumber: 210, acName: 'Kothrud' } });
    await (await callerFor(db, world.users.ro)).unit.transition({ serial: ALLOCATED, event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr });
    expect(await unitAc(ALLOCATED)).toEqual({ acId: world.acs.kothrud, state: 'in_ac_strongroom' });
  });
});
