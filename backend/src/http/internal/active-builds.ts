/**
 * Which build of each projection is active, read at most every MAX_AGE_MS and shared by the
 * requests of that time (recent-reads.ts), like read-model-version.ts: a rebuild's switch moves
 * the tags at most MAX_AGE_MS late. A read-your-writes request does not use it (it reads the
 * positions from the database).
 */
import type pg from 'pg';
import { RecentReads } from './recent-reads.js';

const MAX_AGE_MS = 50;

export class ActiveBuilds {
  private readonly recent: RecentReads<ReadonlyMap<string, number>>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onRead: (active: ReadonlyMap<string, number>) => void = () => undefined,
    nowMs?: () => number,
  ) {
    this.recent = new RecentReads(MAX_AGE_MS, 1, nowMs);
  }

  read(): Promise<ReadonlyMap<string, number>> {
    return this.recent.read('active', () => this.query());
  }

  private async query(): Promise<ReadonlyMap<string, number>> {
    const { rows } = await this.pool.query<{ name: string; build_id: number }>({
      name: 'etag_active_builds',
      text: 'SELECT name, build_id FROM projection_builds WHERE active',
    });
    const active = new Map(rows.map((row) => [row.name, row.build_id]));
    this.onRead(active);
    return active;
  }
}
