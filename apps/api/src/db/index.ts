export { createDb, dbConfigFromEnv, type Database, type DbConfig } from './create-db.ts';
export type { DB } from './database.ts';
export { migrateDownToZero, migrateToLatest } from './migrator.ts';
export { DatabaseUnavailableError, isConnectionError } from './resilient-pool.ts';
export type { Db, Queryable, Tx } from './handle.ts';
export { anyOf } from './arrays.ts';
