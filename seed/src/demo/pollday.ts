import type { DB } from '@evmtrail/api/db';
import { closePoll, recordMockPoll, replaceUnits, startPoll, stationPollView, type Actor } from '@evmtrail/api/services';
import type { StationPollView } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

export interface DemoPollDayInput {
  readonly districtId: number;
  readonly actors: { readonly presiding: Actor; readonly sector: Actor };
  /** Station location ids of AC 210 by number. */
  readonly stations: ReadonlyMap<number, number>;
  readonly startAt: Date;
}

const AGENTS = [{ name: 'Sunita Deshmukh', party: 'Indian National Congress' }, { name: 'Rahul Kulkarni', party: 'Bharatiya Janata Party' }];

/**
 * AC 210 carried to mid-poll through the poll-day service (issue 10 item 7), on the sets the sets
 * stage issued: PS 1 and 2 mock poll done (PS 2's VVPAT failed the mock poll and was replaced from
 * the sector officer's reserve), PS 3 and 4 poll on (PS 4's BU failed in the poll: the whole set
 * replaced from the reserve and a fresh mock poll), PS 5 closed with its Form 17C Part I; the rest
 * still on the road. A no-op unless PS 1-5 have sets issued and the sector officer holds a CU,
 * a BU and two VVPATs for them.
 */
export async function seedDemoPollDay(db: Kysely<DB>, p: DemoPollDayInput): Promise<{ steps: number; lastAt: Date } | undefined> {
  let at = p.startAt.getTime();
  const next = () => new Date((at += 5 * 60_000));
  let steps = 0;
  const must = (what: string, r: { ok: true; value: StationPollView } | { ok: false; error: { message: string } }): StationPollView => {
    if (!r.ok) throw new Error(`demo poll day, ${what}: ${r.error.message}`);
    steps += 1;
    return r.value;
  };
  const id = (n: number) => p.stations.get(n) ?? 0;
  const views = await Promise.all([1, 2, 3, 4, 5].map((n) => (p.stations.has(n) ? stationPollView(db, p.districtId, id(n)) : Promise.resolve(undefined))));
  if (views.some((v) => v?.phase !== 'mock_poll' || !v.members.every((m) => m.state === 'issued_to_polling_party'))) return undefined;
  const reserve = [...(views[0]?.sector?.reserve ?? [])];
  const take = (kind: string) => {
    const i = reserve.findIndex((u) => u.kind === kind);
    return i < 0 ? undefined : reserve.splice(i, 1)[0]?.serial;
  };
  const vvpat2 = take('VVPAT');
  const kit4 = [take('CU'), take('BU'), take('VVPAT')];
  if (!vvpat2 || kit4.some((s) => s === undefined) || views.slice(0, 5).some((v) => v?.sector?.code !== views[0]?.sector?.code)) return undefined;
  const { presiding, sector } = p.actors;
  const base = { districtId: p.districtId };
  const mockPoll = async (n: number, seal: string) => must(`mock poll PS ${n}`, await recordMockPoll(db, {
    ...base, actor: presiding, stationId: id(n), votes: 50, agents: AGENTS, seals: [`MP-210-${String(n).padStart(3, '0')}-${seal}`], now: next(),
  }));
  const start = async (n: number) => must(`start PS ${n}`, await startPoll(db, { ...base, actor: presiding, stationId: id(n), now: next() }));
  const member = (v: StationPollView | undefined, kind: string) => v?.members.find((m) => m.kind === kind)?.serial ?? '';

  // PS 2: the VVPAT fails the mock poll; the sector officer brings one from the reserve.
  must('replace PS 2 VVPAT at mock poll', await replaceUnits(db, {
    ...base, actor: sector, stationId: id(2), failed: [{ serial: member(views[1], 'VVPAT'), faultCode: 'PRINTER_FAULT' }], replacements: [vvpat2],
    reason: 'VVPAT printed no slip during the mock poll at 06:10', now: next(),
  }));
  for (const n of [1, 2, 3, 4, 5]) await mockPoll(n, 'A');
  for (const n of [3, 4, 5]) await start(n);
  // PS 4: a BU fails during the poll: the whole set is replaced and a fresh mock poll held.
  must('replace PS 4 set in the poll', await replaceUnits(db, {
    ...base, actor: sector, stationId: id(4), failed: [{ serial: member(views[3], 'BU'), faultCode: 'BU_NO_RESPONSE' }], replacements: kit4.filter((s): s is string => s !== undefined),
    reason: 'BU stopped responding at 11:20; whole set replaced by the rules', now: next(),
  }));
  await mockPoll(4, 'B');
  await start(4);
  must('close PS 5', await closePoll(db, { ...base, actor: presiding, stationId: id(5), seals: ['CL-210-005-1', 'CL-210-005-2'], votesRecorded: 587, now: next() }));
  return { steps, lastAt: new Date(at) };
}
