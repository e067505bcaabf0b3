import type { Kysely, Transaction } from 'kysely';

import type { DB } from './database.ts';

/** The database handle as services hold it; only repositories build queries on it. */
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Queryable = Db | Tx;
