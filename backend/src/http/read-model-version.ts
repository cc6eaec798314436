/**
 * The read model's version for a set of projections: each active build's id and checkpoint. It
 * changes whenever one of them processes an event or switches to a new build. The ETag takes it
 * for the projections that say which channels a user has (analytics/channel-access.ts caches the
 * user's channels by it); for the others it takes per-channel positions (channel-positions.ts).
 *
 * Reading it is one more round trip to PostgreSQL per request, which for a cheap query is a large
 * share of its cost; so a version read less than MAX_AGE_MS ago is reused, and concurrent requests
 * share one read in flight. Both are safe for caching: the version used was read before the
 * request's own query runs, so a tag is never newer than the data sent with it (at worst older,
 * which costs the client one refetch), and an `If-None-Match` is answered 304 only if the read
 * model had not moved MAX_AGE_MS ago. A read-your-writes request, which must see its job, reads
 * afresh.
 */
import type pg from 'pg';
import { RecentReads } from './internal/recent-reads.js';

const MAX_AGE_MS = 50;

export class ReadModelVersions {
  private readonly recent: RecentReads<string>;

  constructor(
    private readonly pool: pg.Pool,
    nowMs?: () => number,
  ) {
    this.recent = new RecentReads(MAX_AGE_MS, undefined, nowMs);
  }

  /** `fresh`: a read of its own, started now. */
  read(names: readonly string[], options: { fresh?: boolean } = {}): Promise<string> {
    if (options.fresh) return this.query(names);
    return this.recent.read(names.join(','), () => this.query(names));
  }

  private async query(names: readonly string[]): Promise<string> {
    const { rows } = await this.pool.query<{ v: string | null }>(
      `SELECT string_agg(name || ':' || build_id || ':' || coalesce(checkpoint_commit::text || '-' || checkpoint_prepare::text, 'start'), ',' ORDER BY name) AS v
         FROM projection_builds WHERE active AND name = ANY($1)`,
      [names],
    );
    return rows[0]?.v ?? '';
  }
}
