import type { DB } from '@evmtrail/api/db';
import { type Actor, type UnitEventInput } from '@evmtrail/api/services';

import { recordEvents } from './batches.ts';
import type { UnitEvent } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { ConsignmentRow } from './types.ts';

/**
 * The first round of First Level Checking in the demo district, so the demo shows units in
 * every FLC state: every FLC_SHARE-th consignment is checked batch by batch; every other checked
 * batch has one unit rejected; the last batch is still on the table (flc_in_progress).
 */
const FLC_SHARE = 5;
/** FLC steps follow each other at this interval. */
export const FLC_STEP_MS = 15 * 60 * 1000;
const FAULTS = ['Display segment failure', 'Button 7 does not register', 'Printer jam at self-test', 'Battery section seal damaged'];

export interface FlcActors {
  readonly supervisor: Actor;
  readonly engineer: Actor;
}

interface FlcStep {
  readonly event: Extract<UnitEvent, 'start_flc' | 'pass_flc' | 'fail_flc'>;
  readonly serials: readonly string[];
  readonly reason: string;
  readonly seals: readonly string[];
}

/** The FLC steps of one batch; `last` leaves the batch in progress. */
function batchSteps(c: ConsignmentRow, batch: number, last: boolean): FlcStep[] {
  const steps: FlcStep[] = [{ event: 'start_flc', serials: c.serials, reason: `FLC batch ${batch + 1}: ${c.code}, parties notified`, seals: [] }];
  if (last) return steps;
  const rejected = batch % 2 === 0 ? c.serials.slice(0, 1) : [];
  for (const serial of rejected) {
    steps.push({ event: 'fail_flc', serials: [serial], reason: `Fault: ${FAULTS[batch % FAULTS.length] ?? 'unspecified'}`, seals: [] });
  }
  const passed = c.serials.filter((s) => !rejected.includes(s));
  steps.push({ event: 'pass_flc', serials: passed, reason: `FLC batch ${batch + 1} passed, data cleared`, seals: [`PINK-${c.code.slice(-4)}-${batch + 1}`] });
  return steps;
}

/** Runs the FLC round through the custody service; returns the number of log entries written. */
export async function logFlcRound(
  db: Kysely<DB>,
  input: { districtId: number; consignments: readonly ConsignmentRow[]; actors: FlcActors; startAt: Date },
): Promise<number> {
  const batches = input.consignments.filter((_, i) => i % FLC_SHARE === 0);
  const events: UnitEventInput[] = [];
  const describe = new Map<UnitEventInput, string>();
  for (const [batch, consignment] of batches.entries()) {
    for (const step of batchSteps(consignment, batch, batch === batches.length - 1)) {
      const actor = step.event === 'start_flc' ? input.actors.supervisor : input.actors.engineer;
      const now = new Date(input.startAt.getTime() + events.length * FLC_STEP_MS);
      const event: UnitEventInput = { actor, districtId: input.districtId, event: step.event, serials: step.serials, reason: step.reason, seals: step.seals, now };
      describe.set(event, `FLC of ${consignment.code} (${step.event})`);
      events.push(event);
    }
  }
  return recordEvents(db, input.districtId, events, (e) => describe.get(e) ?? e.event);
}
