import type { Tx } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import * as repo from './strongroom.repository.ts';

/** A place a move leaves or enters, as the unit service knows it. */
export interface MovePlace {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

/**
 * The move guard (design.md: nothing moves in or out of a sealed strongroom without an open
 * session). Called by the unit service's one write path for every event that changes where
 * units stand, single and batch: a strongroom left or entered must have an open session, else
 * the whole transaction rolls back with `strongroom_sealed`. The sessions found are share-locked
 * until the move commits, and cached in `known` for the other events of a batch. Returns the
 * sessions' note for the log entry's reason, or undefined when no strongroom is touched.
 */
export async function requireOpenSessions(
  tx: Tx,
  p: { districtId: number; serials: readonly string[]; event: string; from: MovePlace; to: MovePlace | undefined; known: Map<number, number | null> },
): Promise<string | undefined> {
  const { from, to } = p;
  if (!to || to.id === from.id) return undefined;
  const rooms = [from, to].filter((place) => place.kind === 'strongroom');
  if (rooms.length === 0) return undefined;
  const unknown = rooms.filter((r) => !p.known.has(r.id)).map((r) => r.id);
  if (unknown.length > 0) {
    const open = await repo.openSessionsOf(tx, p.districtId, unknown);
    for (const id of unknown) p.known.set(id, open.get(id) ?? null);
  }
  const notes: string[] = [];
  for (const room of rooms) {
    const session = p.known.get(room.id) ?? null;
    if (session === null) {
      const [serial = ''] = p.serials;
      const units = p.serials.length === 1 ? `unit ${serial}` : `units ${p.serials.slice(0, 3).join(', ')}${p.serials.length > 3 ? ` and ${p.serials.length - 3} more` : ''}`;
      const way = room.id === from.id ? 'out of' : 'into';
      throw new Rollback(failure('strongroom_sealed', `${room.name} (${room.code}) is sealed: ${units} may move ${way} it only while a strongroom session is open`, {
        serial, event: p.event, locationName: room.name, strongroomName: room.name,
      }));
    }
    notes.push(`strongroom session ${session} of ${room.code}`);
  }
  return notes.join(', ');
}
