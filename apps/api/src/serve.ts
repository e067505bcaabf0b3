import { fileURLToPath } from 'node:url';

import { buildApp } from './app.ts';
import type { Database } from './db/create-db.ts';
import type { Env } from './env.ts';

export { readEnv, type Env } from './env.ts';
import { currentKeyStore } from './modules/custody/key-store.ts';

/**
 * Serves the api (and the built web app) on an open, migrated database until SIGINT/SIGTERM,
 * then closes the server and the database cleanly (a killed file-backed PGlite has to recover
 * on its next start, toolchain gotcha 11). `src/server.ts` calls it after opening the database;
 * `pnpm start` calls it from the seed's process, on the database it has just seeded, so the
 * first start opens PGlite once.
 */
export async function serve(database: Database, env: Env): Promise<void> {
  const app = await buildApp({
    db: database.db,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    cookieSecure: env.COOKIE_SECURE === 'true',
    webDistDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    ...(env.TILE_URL ?? env.VITE_TILE_URL ? { tileUrl: env.TILE_URL ?? env.VITE_TILE_URL } : {}),
  });
  const address = await app.listen({ host: env.API_HOST, port: env.API_PORT });
  const where = database.config.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${database.config.dataDir ?? '(in memory)'}`;
  console.log(`EVM Trail api ready at ${address} on ${where}; signing keys: ${currentKeyStore().description}`);

  let closing = false;
  async function shutdown(signal: string): Promise<void> {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    await app.close();
    await database.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
