import type { FlcScanResult, ScanResult, ScanTally } from '@evmtrail/shared';

import type { Tx } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { findUnitBySerial } from '../units/unit.repository.ts';
import * as repo from './flc.repository.ts';
import { lockCampaign, recordResultsInTx } from './flc.service.ts';

export interface FlcScan {
  readonly actor: Actor;
  readonly districtId: number;
  readonly campaignId: number;
  readonly serial: string;
  readonly key: string;
  readonly flc: FlcScanResult | undefined;
  readonly now: Date;
}

/**
 * One engineer's scan at the FLC table, inside the scan's transaction (scan.service.ts): a unit
 * under FLC passes (pink seal) or fails (fault code) through the unit service with its log
 * entry; a unit not under FLC, or a serial no one here holds, is answered and changes nothing.
 * The tally: expected = checked + still under FLC, accepted = passed, rejected = failed,
 * missing = still under FLC.
 */
export async function scanForFlc(tx: Tx, scan: FlcScan): Promise<ScanResult> {
  if (!scan.flc) throw new Rollback(failure('invalid_input', `Scan of unit ${scan.serial} for FLC: say pass (with the pink seal) or fail (with a fault code)`, { serial: scan.serial }));
  const campaign = await lockCampaign(tx, { ...scan, statuses: ['running'], step: 'take results', judgeRun: false });
  const visible = visibleUnit(await findUnitBySerial(tx, scan.serial), scan);
  const answer = { key: scan.key, serial: scan.serial, replayed: false, recordedAt: scan.now.toISOString() };
  if (!visible) {
    return { ...answer, outcome: 'unknown_serial', detail: `Unit ${scan.serial}: this district holds no such unit`, tally: await tallyOf(tx, campaign) };
  }
  if (visible.state !== 'flc_in_progress') {
    return {
      ...answer, outcome: 'wrong_state', unit: unitView(visible), tally: await tallyOf(tx, campaign),
      detail: `Unit ${scan.serial} is not under FLC (it is ${visible.state.replaceAll('_', ' ')} at ${visible.locationName}): nothing recorded`,
    };
  }
  await recordResultsInTx(tx, campaign, { actor: scan.actor, now: scan.now, results: [{ serial: scan.serial, result: scan.flc }] });
  const after = await findUnitBySerial(tx, scan.serial);
  const detail = scan.flc.result === 'pass'
    ? `Unit ${scan.serial} passed FLC in ${repo.campaignCode(campaign)}, pink seal ${scan.flc.pinkSeal}`
    : `Unit ${scan.serial} failed FLC in ${repo.campaignCode(campaign)}: ${scan.flc.faultCode}`;
  return { ...answer, outcome: 'accepted', detail, ...(after ? { unit: unitView(after) } : {}), tally: await tallyOf(tx, campaign) };
}

async function tallyOf(tx: Tx, c: repo.CampaignRow): Promise<ScanTally> {
  const p = await repo.progress(tx, c.districtId, c.id);
  const remaining = p.remaining.reduce((n, r) => n + r.count, 0);
  return { expected: p.passed + p.failed + remaining, accepted: p.passed, rejected: p.failed, missing: remaining, orphan: 0 };
}
