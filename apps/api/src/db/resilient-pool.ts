import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * The database cannot be reached (down, restarting, connection cut). Requests fail with this
 * while it lasts; the pool opens fresh connections once the database is back.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// Node socket errors, and SQLSTATE classes 08 (connection exception) and 57P (operator intervention:
// pg_terminate_backend, shutdown, starting up). 53300: too many connections.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const MESSAGES = [/connection terminated/i, /not queryable/i, /timeout exceeded when trying to connect/i, /connection error/i, /Client was closed/i];

export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300')) {
    return true;
  }
  return MESSAGES.some((pattern) => pattern.test(error.message));
}

function translate(error: unknown): unknown {
  return isConnectionError(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error;
}

/**
 * A checked-out pg client with an 'error' listener for as long as it is out (pg-pool removes its
 * own while a client is in use, so a dropped connection would otherwise crash the process), whose
 * connection failures reject as DatabaseUnavailableError and which is destroyed, not reused, after one.
 */
function guardClient(client: pg.PoolClient): PostgresPoolClient {
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  async function run(sql: string, parameters: readonly unknown[]): Promise<unknown> {
    try {
      return await client.query(sql, parameters as unknown[]);
    } catch (error) {
      if (isConnectionError(error)) broken = true;
      throw translate(error);
    }
  }
  return {
    query: ((first: unknown, parameters?: readonly unknown[]) =>
      // Cursors (streamed reads) pass through untouched: query(cursor) returns it synchronously.
      typeof first === 'string' ? run(first, parameters ?? []) : client.query(first as pg.Submittable)) as PostgresPoolClient['query'],
    release(destroy?: boolean) {
      client.removeListener('error', onError);
      client.release(destroy === true || broken);
    },
  };
}

export interface ResilientPoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  /** How long a request waits for a connection before it is told the database is unavailable. */
  readonly connectionTimeoutMillis?: number;
  readonly onError?: (error: Error) => void;
}

/** A pg Pool for Kysely that survives the database going away and recovers when it returns. */
export function createResilientPool(options: ResilientPoolOptions): PostgresPool & { readonly pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    keepAlive: true,
  });
  // An idle client whose connection drops: pg-pool has already discarded it; log, do not crash.
  pool.on('error', (error) => options.onError?.(error));
  return {
    pool,
    options: pool.options,
    async connect() {
      try {
        return guardClient(await pool.connect());
      } catch (error) {
        throw translate(error);
      }
    },
    end: () => pool.end(),
  };
}
