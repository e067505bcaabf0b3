import { fileURLToPath } from 'node:url';

import { createDb, dbConfigFromEnv } from './db/create-db.ts';
import { migrateToLatest } from './db/migrator.ts';
import { readEnv } from './env.ts';
import { buildApp } from './app.ts';
import { moveKeysOutOfDatabase } from './modules/custody/key-migration.ts';
import { currentKeyStore, fileKeyStore, keyDirFor, memoryKeyStore, useKeyStore } from './modules/custody/key-store.ts';

const env = readEnv();
const config = dbConfigFromEnv(env);
const keyDir = keyDirFor({ keyDir: env.EVMTRAIL_KEY_DIR, pgliteDataDir: env.PGLITE_DATA_DIR });
useKeyStore(keyDir ? fileKeyStore(keyDir) : memoryKeyStore());
const database = await createDb(config);
await moveKeysOutOfDatabase(database.db, currentKeyStore());
await migrateToLatest(database.db);
const app = await buildApp({
  db: database.db,
  sessionTtlHours: env.SESSION_TTL_HOURS,
  cookieSecure: env.COOKIE_SECURE === 'true',
  webDistDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
  ...(env.TILE_URL ?? env.VITE_TILE_URL ? { tileUrl: env.TILE_URL ?? env.VITE_TILE_URL } : {}),
});
const address = await app.listen({ host: env.API_HOST, port: env.API_PORT });
const where = config.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${env.PGLITE_DATA_DIR ?? '(in memory)'}`;
console.log(`EVM Trail api ready at ${address} on ${where}; signing keys: ${currentKeyStore().description}`);

// A killed file-backed PGlite recovers on next start; close it cleanly instead (toolchain gotcha 11).
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
