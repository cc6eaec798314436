/**
 * The one way the backend opens a pool. A connection that dies while checked out but between
 * queries (database restart, terminated backend) emits an 'error' event that nothing else listens
 * to, and an unhandled 'error' would crash the process: every client gets a listener, the failing
 * query still rejects, and the pool discards the broken client when it comes back.
 */
import pg from 'pg';

export function createPool(
  connectionString: string,
  options: { max?: number; onError?: (error: Error) => void } = {},
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 20 });
  const onError = options.onError ?? (() => undefined);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** Nest injection token for the read model's pg.Pool. */
export const PG_POOL = Symbol('PgPool');
