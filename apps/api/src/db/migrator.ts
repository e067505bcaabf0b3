import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

import * as foundation from './migrations/2026-11-22T2300_foundation.ts';
import * as unitAllocatedAc from './migrations/2026-11-26T1400_unit-allocated-ac.ts';
import * as logSelfCheck from './migrations/2026-11-26T1400_log-self-check.ts';
import * as dropPrivateSeed from './migrations/2026-11-26T1410_drop-private-seed.ts';
import * as receiptsScans from './migrations/2026-11-26T1700_receipts-scans.ts';
import * as strongroomSessions from './migrations/2026-11-26T1710_strongroom-sessions.ts';
import * as stocktakes from './migrations/2026-11-26T1720_stocktakes.ts';
import * as consignments from './migrations/2026-11-26T2000_consignments.ts';
import * as ceremonies from './migrations/2026-11-26T2010_ceremonies.ts';
import * as flc from './migrations/2026-11-26T2020_flc.ts';
import * as acStrongroomConsignments from './migrations/2026-11-27T0100_ac-strongroom-consignments.ts';
import * as flcMockpollSample from './migrations/2026-11-27T0300_flc-mockpoll-sample.ts';
import * as pollingSets from './migrations/2026-11-27T0400_polling-sets.ts';
import * as pollDay from './migrations/2026-11-27T0500_poll-day.ts';

/* Migrations are listed in code so the same build runs under tsx, vitest and bundlers. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-22T2300_foundation': foundation,
  '2026-11-26T1400_log-self-check': logSelfCheck,
  '2026-11-26T1400_unit-allocated-ac': unitAllocatedAc,
  '2026-11-26T1410_drop-private-seed': dropPrivateSeed,
  '2026-11-26T1700_receipts-scans': receiptsScans,
  '2026-11-26T1710_strongroom-sessions': strongroomSessions,
  '2026-11-26T1720_stocktakes': stocktakes,
  '2026-11-26T2000_consignments': consignments,
  '2026-11-26T2010_ceremonies': ceremonies,
  '2026-11-26T2020_flc': flc,
  '2026-11-27T0100_ac-strongroom-consignments': acStrongroomConsignments,
  '2026-11-27T0300_flc-mockpoll-sample': flcMockpollSample,
  '2026-11-27T0400_polling-sets': pollingSets,
  '2026-11-27T0500_poll-day': pollDay,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

function migratorFor(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider });
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await migratorFor(db as unknown as Kysely<unknown>).migrateToLatest();
  if (error) throw new Error(`Migration failed: ${describe(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}

export async function migrateDownToZero<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = migratorFor(db as unknown as Kysely<unknown>);
  const done: string[] = [];
  for (;;) {
    const { error, results } = await migrator.migrateDown();
    if (error) throw new Error(`Migration down failed: ${describe(error)}`, { cause: error });
    if (!results || results.length === 0) return done;
    done.push(...results.map((r) => r.migrationName));
  }
}
