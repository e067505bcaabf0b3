import { err, ok, type Result } from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import { appendEntries } from '../custody/log.service.ts';
import * as repo from './unit.repository.ts';
import {
  Rollback, checkAllFound, eventDraft, moveUnits, resolveTarget, validateInput,
  type UnitEventInput, type UnitServiceError,
} from './unit.service.ts';

/** More serials than this in one batch would overflow a statement's parameter list. */
export const MAX_BATCH_UNITS = 20_000;

/**
 * Many unit events of one district in one transaction, for bulk work (the demo seed, imports):
 * every event gets the checks of applyUnitEvent (lifecycle, permission at every place it
 * touches, guarded update) and its own custody-log entry, at its own time; the units are locked
 * in one query and the entries appended together. Events run in the given order and a unit
 * may be named by one event of a batch only. Any failure rolls back the whole batch.
 */
export async function applyUnitEvents(
  db: Kysely<DB>,
  districtId: number,
  inputs: readonly UnitEventInput[],
): Promise<Result<{ logIndices: number[]; count: number }, UnitServiceError>> {
  const invalid = validateBatch(districtId, inputs);
  if (invalid) return err(invalid);
  try {
    const logIndices = await db.transaction().execute((tx) => applyBatch(tx, districtId, inputs));
    return ok({ logIndices, count: inputs.reduce((n, i) => n + i.serials.length, 0) });
  } catch (error) {
    if (error instanceof Rollback) return err(error.domainError);
    throw error;
  }
}

function validateBatch(districtId: number, inputs: readonly UnitEventInput[]): UnitServiceError | undefined {
  if (inputs.length === 0) return { type: 'invalid_input', message: 'The batch holds no events' };
  const seen = new Map<string, UnitEventInput>();
  for (const input of inputs) {
    const invalid = validateInput(input);
    if (invalid) return invalid;
    if (input.districtId !== districtId) {
      return { type: 'invalid_input', message: `Event '${input.event}' is for district ${input.districtId}, not district ${districtId} of the batch` };
    }
    for (const serial of input.serials) {
      const earlier = seen.get(serial);
      if (earlier) return { type: 'invalid_input', message: `Unit ${serial} is named by '${earlier.event}' and '${input.event}' in one batch; record them in separate batches` };
      seen.set(serial, input);
    }
  }
  if (seen.size > MAX_BATCH_UNITS) return { type: 'invalid_input', message: `A batch may name at most ${MAX_BATCH_UNITS} units, this one names ${seen.size}` };
  return undefined;
}

async function applyBatch(tx: Transaction<DB>, districtId: number, inputs: readonly UnitEventInput[]): Promise<number[]> {
  const locked = await repo.lockUnits(tx, districtId, inputs.flatMap((i) => i.serials));
  const bySerial = new Map(locked.map((u) => [u.serial, u]));
  const currentFlcCycle = await repo.currentFlcCycle(tx);
  const targets = new Map<number, repo.LocationRef | undefined>();
  const drafts = [];
  for (const input of inputs) {
    const units = checkAllFound(input, input.serials.flatMap((s) => bySerial.get(s) ?? []));
    const key = input.toLocationId ?? -1;
    if (!targets.has(key)) targets.set(key, await resolveTarget(tx, input));
    const where = await moveUnits(tx, input, units, { target: targets.get(key), currentFlcCycle });
    drafts.push(eventDraft(input, where));
  }
  const last = inputs[inputs.length - 1];
  if (!last) throw new Error('unreachable: validateBatch refuses an empty batch');
  const appended = await appendEntries(tx, districtId, drafts, last.now);
  if (!appended.ok) throw new Rollback({ type: 'not_found', message: appended.error.message });
  return appended.value.indices;
}
