/**
 * The read model's version for a set of projections: each active build's id and checkpoint. It
 * changes whenever one of them processes an event or switches to a new build, so it is what the
 * ETag is derived from.
 *
 * Concurrent requests for the same projections share one query in flight. That is safe for
 * caching: the shared answer was read before each joining request runs its own query, so a tag is
 * never newer than the data sent with it (at worst older, which costs the client one refetch).
 */
import type pg from 'pg';

export class ReadModelVersions {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly pool: pg.Pool) {}

  /** `fresh`: a query of its own, started now (after a read-your-writes wait, a shared older answer would not do). */
  read(names: readonly string[], options: { fresh?: boolean } = {}): Promise<string> {
    if (options.fresh) return this.query(names);
    const key = names.join(',');
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.query(names).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
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
