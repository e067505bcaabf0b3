import { createDb, dbConfigFromEnv } from './db/create-db.ts';
import { migrateToLatest } from './db/migrator.ts';
import { readEnv } from './env.ts';
import { moveKeysOutOfDatabase } from './modules/custody/key-migration.repository.ts';
import { currentKeyStore, fileKeyStore, keyDirFor, memoryKeyStore, useKeyStore } from './modules/custody/key-store.ts';
import { serve } from './serve.ts';

const env = readEnv();
const config = dbConfigFromEnv(env);
const keyDir = keyDirFor({ keyDir: env.EVMTRAIL_KEY_DIR, pgliteDataDir: env.PGLITE_DATA_DIR });
useKeyStore(keyDir ? fileKeyStore(keyDir) : memoryKeyStore());
const database = await createDb(config);
await moveKeysOutOfDatabase(database.db, currentKeyStore());
await migrateToLatest(database.db);
await serve(database, env);
