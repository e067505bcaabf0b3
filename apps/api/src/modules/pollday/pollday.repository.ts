import type { Queryable, Tx } from '../../db/handle.ts';

export type PollRecordKind = 'mock_poll' | 'poll_start' | 'replacement' | 'poll_close';

export interface PollRecordRow { kind: PollRecordKind; record: Record<string, unknown>; by: string; at: Date }

export async function insertRecord(tx: Tx, r: { districtId: number; acId: number; stationId: number; setId: number; kind: PollRecordKind; record: Record<string, unknown>; by: number; now: Date }): Promise<void> {
  await tx.insertInto('pollDayRecords').values({
    districtId: r.districtId, acId: r.acId, stationId: r.stationId, setId: r.setId, kind: r.kind, record: JSON.stringify(r.record), recordedBy: r.by, recordedAt: r.now,
  }).execute();
}

export async function listRecords(db: Queryable, districtId: number, stationId: number): Promise<PollRecordRow[]> {
  const rows = await db.selectFrom('pollDayRecords as r').innerJoin('users as u', 'u.id', 'r.recordedBy')
    .select(['r.kind', 'r.record', 'u.username', 'r.recordedAt'])
    .where('r.districtId', '=', districtId).where('r.stationId', '=', stationId).orderBy('r.id').execute();
  return rows.map((r) => ({
    kind: r.kind as PollRecordKind, by: r.username, at: r.recordedAt,
    record: (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as Record<string, unknown>,
  }));
}

/** The latest close-of-poll record of a station (Form 17C Part I), if the poll is closed. */
export async function closeRecord(db: Queryable, districtId: number, stationId: number): Promise<PollRecordRow | undefined> {
  return (await listRecords(db, districtId, stationId)).filter((r) => r.kind === 'poll_close').at(-1);
}
