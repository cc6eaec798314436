/**
 * Typed reads of single answers in tests. `pool.query(sql)` returns rows of `any`, which lets a spec
 * read any column unchecked; these name what the statement answers, so a spec reads declared
 * columns only, and a statement that answers no row fails naming it instead of reading undefined.
 */
import type pg from 'pg';
import { must } from '../must.js';

type Queryable = pg.Pool | pg.ClientBase;

/** The one row `sql` answers (the test trusts the statement for the shape `T` it names). */
export async function oneRow<T extends pg.QueryResultRow>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  const { rows } = await db.query<T>(sql, params);
  return must(rows[0], `a row from: ${sql}`);
}

/** The `n` of a `SELECT count(*)::int AS n …`; without the cast pg answers a bigint as text, which is refused. */
export async function countOf(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const { n } = await oneRow<{ n: unknown }>(db, sql, params);
  if (typeof n !== 'number') throw new TypeError(`expected a number n (count(*)::int) from: ${sql}`);
  return n;
}
