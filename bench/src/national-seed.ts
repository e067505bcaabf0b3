/**
 * Optional (`--national`): the national data set (767 districts, ~10.5 lakh polling stations,
 * ~55 lakh units) seeded into a fresh PostgreSQL database; its time and rows per second.
 */
import { DEFAULT_SEED } from '@evmtrail/seed';

import { repoHas } from './lib/paths.ts';
import { createBenchDatabase, postgresReachable } from './lib/postgres.ts';
import { seedNational } from './lib/seed-adapter.ts';
import { round, seconds } from './lib/stats.ts';
import type { Bench } from './lib/types.ts';

/** --quick seeds only this many districts (a smoke run of the bench itself). */
const QUICK_DISTRICTS = 10;

export const nationalSeed: Bench = {
  name: 'national-seed',
  title: 'national seed on PostgreSQL (--national)',
  budgetSeconds: { full: 3600, quick: 600 },
  optInFlag: '--national',
  async run(ctx) {
    if (!repoHas('seed/src/national')) {
      ctx.note('skipped: seed/src/national does not exist');
      return;
    }
    const reachable = await postgresReachable();
    if (!reachable.ok) {
      ctx.note(`skipped: PostgreSQL not reachable (${reachable.reason})`);
      return;
    }
    const bench = await createBenchDatabase(`national_${process.pid}`);
    ctx.onCleanup(() => bench.drop());
    ctx.log(`seedNational into ${bench.name}${ctx.quick ? ` (--quick: ${QUICK_DISTRICTS} districts)` : ''}`);
    let lastLog = 0;
    const started = performance.now();
    const report = await seedNational({
      connectionString: bench.url,
      seed: DEFAULT_SEED,
      ...(ctx.quick ? { districts: QUICK_DISTRICTS } : {}),
      onProgress: (message) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          ctx.log(`national: ${message.trim()}`);
        }
      },
    });
    const ms = performance.now() - started;
    await bench.drop();
    const { users: _users, ...counts } = report;
    const scope = ctx.quick ? `${report.districts} districts (--quick)` : 'the national data set';
    ctx.record({
      id: 'national-seed.postgres.seconds',
      name: `national seed on PostgreSQL, ${report.districts} districts`,
      value: seconds(ms),
      unit: 's',
      how: `seedNational({ connectionString }) from @evmtrail/seed (${scope}: migrate, COPY every table, district logs, indexes) `
        + `into a fresh database on PostgreSQL ${reachable.version}; wall time of the call`,
      details: counts,
    });
    ctx.record({
      id: 'national-seed.postgres.rows-per-second',
      name: 'national seed rows/s',
      value: round(report.rows / (ms / 1000)),
      unit: 'rows/s',
      how: 'rows the seeder reports writing (report.rows, all tables) divided by the wall time above',
      details: { rows: report.rows },
    });
  },
};
