import type { Kysely } from 'kysely';

import type { DB } from '../src/db/database.ts';
import { callerFor } from './caller.ts';
import { buildSetsWorld, type SetsWorld } from './sets-world.ts';

/**
 * AC 210 carried through the real services to the morning of the poll: 20 stations, every set
 * built, commissioned and issued to its polling party on one route; the commissioned reserve split
 * between two sector officers, SEC-210-1 (S. Patil, PS 1-10) and SEC-210-2 (A. Joshi, PS 11-20).
 */
export interface PollDayWorld extends SetsWorld {
  /** The reserve each sector officer carries, by kind. */
  readonly reserve: { a: Record<'CU' | 'BU' | 'VVPAT', string[]>; b: Record<'CU' | 'BU' | 'VVPAT', string[]> };
}

export const POLL_STATIONS = 20;

export async function buildPollDayWorld(db: Kysely<DB>): Promise<PollDayWorld> {
  const w = await buildSetsWorld(db, { stations: POLL_STATIONS, reserve: 8 });
  const pune = w.pune;
  const acId = w.world.acs.kothrud;
  const ro = await callerFor(db, w.world.users.ro);
  await ro.sets.setCandidates({ districtId: pune, acId, candidates: 10 });
  await ro.sets.build({ districtId: pune, acId });
  await ro.sets.drawSample({ districtId: pune, acId, dice: '27182818284590452353' });
  let v = await ro.sets.byAc({ districtId: pune, acId });
  for (const set of v.sets) {
    const n = set.station.number;
    await ro.sets.commission({
      districtId: pune, setId: set.id, ballotPaper: 'BP-210-A', sluId: 'SLU-BEL-0007', sluContainerSeal: 'SLUC-210-01', vvpatBatteryId: `BAT-${n}`, paperRollId: `ROLL-${n}`,
      pinkSeals: [`PK-${n}`], greenSeals: [`GR-${n}`], addressTags: [`AT-${n}`], mockPollVotes: 11, mockPollSlips: 11, ...(set.sampled ? { sampleVotes: 1000 } : {}),
    });
  }
  await ro.sets.commissionReserves({ districtId: pune, acId, ballotPaper: 'BP-210-A', sluId: 'SLU-BEL-0007' });
  const route = await ro.sets.createRoute({
    districtId: pune, acId, name: 'Route A', vehicleId: 'MH12-AB-1001',
    stops: Array.from({ length: POLL_STATIONS }, (_, i) => ({ stationNumber: i + 1, partyId: `PP-${String(i + 1).padStart(3, '0')}` })),
  });
  for (const set of v.sets) await ro.sets.issue({ districtId: pune, routeId: route.id, serial: set.members[0]?.serial ?? '' });
  v = await ro.sets.byAc({ districtId: pune, acId });
  const reserve = v.reserves.filter((u) => u.state === 'commissioned');
  const of = (kind: 'CU' | 'BU' | 'VVPAT') => reserve.filter((u) => u.kind === kind).map((u) => u.serial);
  const split = (list: string[]) => [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))] as const;
  const [cuA, cuB] = split(of('CU'));
  const [buA, buB] = split(of('BU'));
  const [vvA, vvB] = split(of('VVPAT'));
  const a = { CU: cuA, BU: buA, VVPAT: vvA };
  const b = { CU: cuB, BU: buB, VVPAT: vvB };
  await ro.sets.issueReserves({ districtId: pune, acId, officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: Array.from({ length: 10 }, (_, i) => i + 1), serials: [...cuA, ...buA, ...vvA] });
  await ro.sets.issueReserves({ districtId: pune, acId, officerName: 'A. Joshi', vehicleId: 'MH12-SO-02', stationNumbers: Array.from({ length: 10 }, (_, i) => i + 11), serials: [...cuB, ...buB, ...vvB] });
  return { ...w, reserve: { a, b } };
}
