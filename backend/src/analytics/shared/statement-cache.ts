/**
 * Read-model queries as named (prepared) statements, with names derived from their SQL, and
 * recovery when a statement goes stale.
 *
 * A blue/green switch replaces the views the statements read. PostgreSQL re-plans a prepared
 * statement by itself when an object it uses changes, but refuses to when the statement's result
 * columns would change ("cached plan must not change result type", 0A000), and the connection
 * keeps that statement until it closes. So on that error the cache moves on to a new generation
 * of names: every connection then prepares the statement afresh under a new name.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

const STALE_PLAN = 'cached plan must not change result type';

export class StatementCache {
  private readonly baseNames = new Map<string, string>();
  private generation = 0;

  /** The statement's name for `sql` in the current generation. */
  nameFor(sql: string): string {
    let base = this.baseNames.get(sql);
    if (base === undefined) {
      base = `read_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
      this.baseNames.set(sql, base);
    }
    return `${base}_${this.generation}`;
  }

  async run<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[]): Promise<pg.QueryResult<T>> {
    const name = this.nameFor(sql);
    try {
      return await pool.query<T>({ name, text: sql, values: params });
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      // Another request may have moved on already; moving once per stale name is enough.
      if (this.nameFor(sql) === name) this.generation++;
      return pool.query<T>({ name: this.nameFor(sql), text: sql, values: params });
    }
  }
}

function isStalePlan(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '0A000' && message?.includes(STALE_PLAN) === true;
}
