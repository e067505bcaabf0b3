import { err, ok, type Result } from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import * as repo from './unit.repository.ts';
import {
  appendEventEntries, checkLocked, eventDraft, planLockedMove, runGuardedUpdates, validateInput,
  type EventContext, type UnitEventInput, type UnitServiceError,
} from './unit.service.ts';

/** Most units one batch may name: one transaction holds their row locks and one statement their serials (as one array). */
export const MAX_BATCH_UNITS = 20_000;

/**
 * Many unit events of one district in one transaction, for bulk work (the demo seed, imports):
 * every event gets the very checks of applyUnitEvent (`planLockedMove`: judged on the locked
 * rows where the units belong now and at every place the change touches, the AC of allocation
 * included; the lifecycle; a guarded update) and its own custody-log entry, at its own time.
 * The units are locked in one query and the entries appended together. Events run in the given
 * order and a unit may be named by one event of a batch only. Any failure rolls back the batch.
 */
export async function applyUnitEvents(
  db: Db,
  districtId: number,
  inputs: readonly UnitEventInput[],
): Promise<Result<{ logIndices: number[]; count: number }, UnitServiceError>> {
  const invalid = validateBatch(districtId, inputs);
  if (invalid) return err(invalid);
  try {
    const logIndices = await db.transaction().execute((tx) => applyBatch(tx, districtId, inputs));
    return ok({ logIndices, count: inputs.reduce((n, i) => n + i.serials.length, 0) });
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as UnitServiceError);
    throw error;
  }
}

/**
 * The same inside a transaction the caller holds (a receipt's acceptance): throws `Rollback`
 * with the failure, so the caller's whole transaction rolls back.
 */
export async function applyUnitEventsInTx(tx: Tx, districtId: number, inputs: readonly UnitEventInput[]): Promise<number[]> {
  const invalid = validateBatch(districtId, inputs);
  if (invalid) throw new Rollback(invalid);
  return applyBatch(tx, districtId, inputs);
}

function validateBatch(districtId: number, inputs: readonly UnitEventInput[]): UnitServiceError | undefined {
  if (inputs.length === 0) return failure('invalid_input', 'The batch holds no events');
  const seen = new Map<string, UnitEventInput>();
  for (const input of inputs) {
    const invalid = validateInput(input);
    if (invalid) return invalid;
    const event = input.event;
    if (input.districtId !== districtId) {
      return failure('invalid_input', `Event '${event}' is for district ${input.districtId}, not district ${districtId} of the batch`, { event, districtId });
    }
    for (const serial of input.serials) {
      const earlier = seen.get(serial);
      if (earlier) {
        return failure('invalid_input', `Unit ${serial} is named by '${earlier.event}' and '${event}' in one batch; record them in separate batches`, { serial, event });
      }
      seen.set(serial, input);
    }
  }
  if (seen.size > MAX_BATCH_UNITS) return failure('invalid_input', `A batch may name at most ${MAX_BATCH_UNITS} units, this one names ${seen.size}`);
  return undefined;
}

async function applyBatch(tx: Tx, districtId: number, inputs: readonly UnitEventInput[]): Promise<number[]> {
  const locked = await repo.lockUnits(tx, districtId, inputs.flatMap((i) => i.serials));
  const bySerial = new Map(locked.map((u) => [u.serial, u]));
  const ctx: EventContext = { currentFlcCycle: await repo.currentFlcCycle(tx), targets: new Map(), openSessions: new Map() };
  const planned = [];
  for (const input of inputs) planned.push(await planLockedMove(tx, input, checkLocked(input, input.serials.flatMap((s) => bySerial.get(s) ?? [])), ctx));
  const latest = inputs.reduce((at, i) => (i.now > at ? i.now : at), inputs[0]?.now ?? new Date(0));
  await runGuardedUpdates(tx, districtId, planned, latest);
  const drafts = planned.map((move) => eventDraft(move.input, move.where));
  const last = inputs[inputs.length - 1];
  if (!last) throw new Error('unreachable: validateBatch refuses an empty batch');
  return appendEventEntries(tx, districtId, drafts, last.now);
}
