/**
 * Runs a read-model query. A read table whose projection has no build yet has no view
 * (PostgreSQL's undefined_table, 42P01): it reads as empty, so one missing projection (during an
 * upgrade, or before its first build) leaves the other series of an answer intact instead of failing it.
 */
import type pg from 'pg';

export async function readRows<T extends pg.QueryResultRow = Record<string, any>>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  try {
    return (await pool.query<T>(sql, params)).rows;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}
