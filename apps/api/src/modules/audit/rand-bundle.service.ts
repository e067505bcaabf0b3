import { encodeRandBundle, type PublishedDraw } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { detail } from '../ceremonies/ceremony.repository.ts';

/**
 * The district's finalised randomisations as published draws: the exact stored bytes of
 * pool.csv, demand.csv, the seed and allocation.csv, and the ceremony's detail (steps, who,
 * when, commitments, reveals) as ceremony.json.
 */
export async function finalisedDraws(db: Kysely<DB>, districtId: number): Promise<PublishedDraw[]> {
  const rows = await db
    .selectFrom('ceremonies')
    .select(['id', 'code', 'poolCsv', 'demandCsv', 'seed', 'allocationCsv'])
    .where('districtId', '=', districtId)
    .where('status', '=', 'finalised')
    .orderBy('code')
    .execute();
  const draws: PublishedDraw[] = [];
  for (const r of rows) {
    const d = await detail(db, districtId, r.id);
    draws.push({
      code: r.code,
      poolCsv: r.poolCsv,
      demandCsv: r.demandCsv,
      seed: r.seed ?? '',
      allocationCsv: r.allocationCsv ?? '',
      ceremony: JSON.parse(JSON.stringify(d ?? { code: r.code })) as unknown,
    });
  }
  return draws;
}

/** The `evmtrail-rand-bundle/1` file of the district's finalised randomisations (`pnpm verify` checks it). */
export async function exportRandBundle(db: Kysely<DB>, districtId: number): Promise<{ filename: string; bundle: string; count: number }> {
  const draws = await finalisedDraws(db, districtId);
  return { filename: `randomisations-district-${districtId}.evmrand.json`, bundle: encodeRandBundle(draws), count: draws.length };
}
