/** Figure: how long seeding the demo district into a file-backed PGlite takes. */
import { mib } from './lib/proc.ts';
import { seconds } from './lib/stats.ts';
import type { Bench } from './lib/types.ts';

export const demoSeed: Bench = {
  name: 'demo-seed',
  title: 'Demo seed on PGlite',
  budgetSeconds: { full: 30, quick: 30 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    const seeded = await ctx.fixtures.seededPglite();
    ctx.record({
      id: 'demo-seed.pglite.seconds',
      name: 'demo seed on PGlite',
      value: seconds(seeded.seedMs),
      unit: 's',
      how: 'seedDemo(db) from @evmtrail/seed in the bench process on a fresh, already migrated file-backed PGlite data dir (what `pnpm seed` does after migrating); wall time of the call, migrations not included',
      details: {
        ...seeded.counts,
        seedReportMs: Math.round(seeded.seedReportMs),
        createEmptyDirSeconds: seconds(seeded.createMs),
        migrateSeconds: seconds(seeded.migrateMs),
        closeSeconds: seconds(seeded.closeMs),
        dataDirMiB: mib(seeded.dataDirBytes),
      },
    });
    ctx.record({
      id: 'demo-seed.pglite.units-per-second',
      name: 'demo seed throughput',
      value: Math.round(seeded.counts.units / (seeded.seedMs / 1000)),
      unit: 'units/s',
      how: 'units written and put through dispatch + receipt custody events, divided by the seed time above',
    });
  },
};
