import type { DB } from '@evmtrail/api/db';
import { applyUnitEvents, MAX_BATCH_UNITS, type UnitEventInput } from '@evmtrail/api/services';
import type { Kysely } from 'kysely';

/** Units per transaction: big enough to amortise it, small enough for short statements. */
const BATCH_UNITS = Math.min(10_000, MAX_BATCH_UNITS);

/**
 * Splits one district's events, in order, into runs that `applyUnitEvents` takes in one
 * transaction: a run ends before an event that names a unit already in it (the later event
 * depends on the earlier one) or that would pass BATCH_UNITS.
 */
export function batchesOf(events: readonly UnitEventInput[]): UnitEventInput[][] {
  const batches: UnitEventInput[][] = [];
  let current: UnitEventInput[] = [];
  let serials = new Set<string>();
  for (const event of events) {
    const overlaps = event.serials.some((s) => serials.has(s));
    if (current.length > 0 && (overlaps || serials.size + event.serials.length > BATCH_UNITS)) {
      batches.push(current);
      current = [];
      serials = new Set();
    }
    current.push(event);
    for (const s of event.serials) serials.add(s);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Records one district's events through the api's unit service, many per transaction, each
 * with its own custody-log entry. Throws on the first refusal, naming the event.
 */
export async function recordEvents(
  db: Kysely<DB>,
  districtId: number,
  events: readonly UnitEventInput[],
  describe: (event: UnitEventInput) => string,
): Promise<number> {
  let done = 0;
  for (const batch of batchesOf(events)) {
    const result = await applyUnitEvents(db, districtId, batch);
    if (!result.ok) {
      throw new Error(`Seeding ${batch.map(describe).join(', ')} failed: ${result.error.type}: ${result.error.message}`);
    }
    done += batch.length;
  }
  return done;
}
