/**
 * The app as a user meets it, in the bench process: the built web app (built first if missing)
 * served by the api on a copy of the seeded PGlite dir, with deo.pune's login.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { buildApp } from '@evmtrail/api/app';
import { createDb } from '@evmtrail/api/db';

import type { BenchContext } from './types.ts';

export async function seededApp(ctx: BenchContext) {
  const dist = join(ctx.root, 'apps/web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    ctx.log('building the web app');
    const built = spawnSync('pnpm', ['--filter', '@evmtrail/web', 'run', 'build'], { cwd: ctx.root, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('the web build failed');
  }
  const dataDir = join(ctx.tmpDir, 'seeded');
  const seeded = await ctx.fixtures.copySeeded(dataDir);
  const login = seeded.users.find((u) => u.username === 'deo.pune');
  if (!login) throw new Error('the seed made no user deo.pune');
  const database = await createDb({ kind: 'pglite', dataDir });
  ctx.onCleanup(() => database.close());
  const app = await buildApp({ db: database.db, sessionTtlHours: 1, cookieSecure: false, webDistDir: dist });
  ctx.onCleanup(() => app.close());
  return { dist, login, db: database.db, app };
}
