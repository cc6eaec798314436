/**
 * Which build of each projection is active, read at most every MAX_AGE_MS and shared by the
 * requests of that time, like read-model-version.ts and with the
 * same reasoning: the builds used were read before the request's own query runs, so a tag is
 * never newer than its data, and a rebuild's switch moves the tags at most MAX_AGE_MS late. A
 * read-your-writes request does not use it (it reads the positions from the database).
 */
import type pg from 'pg';

const MAX_AGE_MS = 50;

export class ActiveBuilds {
  private cached: { value: Promise<ReadonlyMap<string, number>>; readAtMs: number } | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onRead: (active: ReadonlyMap<string, number>) => void = () => undefined,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  read(): Promise<ReadonlyMap<string, number>> {
    const now = this.nowMs();
    if (this.cached && now - this.cached.readAtMs < MAX_AGE_MS) return this.cached.value;
    const entry = { value: this.query(), readAtMs: now };
    this.cached = entry;
    // A failed read is not reused: the next request tries again.
    entry.value.catch(() => this.cached === entry && (this.cached = undefined));
    return entry.value;
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
