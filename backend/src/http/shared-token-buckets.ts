/**
 * Token buckets by key (user id, or client address) in PostgreSQL (`api_rate_limits`), so that
 * every instance behind a balancer applies one limit: each key may make `burst` requests at once and
 * `perMinute` a minute sustained, wherever they land. One statement refills each bucket by the
 * database's clock and takes a token only if there is one; a refused request reads the bucket once
 * more to say when to retry. Full buckets are deleted now and then (a missing bucket is a full one).
 *
 * Concurrent requests share that statement (internal/key-batcher.ts): while one is in flight, the
 * keys that arrive wait and then go together, each key once per statement, sorted, so that
 * statements of several instances lock their rows in one order. Each key's take stays atomic in
 * the database, so the limit is exactly what one statement per request applied; under load it costs
 * a statement (and a commit) per round trip instead of one per request, which on a cheap query was
 * as much as the query itself (bench api).
 */
import type pg from 'pg';
import { KeyBatcher } from './internal/key-batcher.js';

export interface BucketSettings {
  perMinute: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const SWEEP_EVERY_MS = 60_000;
/** A bucket `b` refilled by the database's clock: $2 the burst, $3 tokens a second. */
const REFILLED = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at))::float8 * $3::float8)`;

export class SharedTokenBuckets {
  private lastSweepMs = 0;
  private readonly perSecond: number;
  private readonly takes = new KeyBatcher<string, boolean>((keys) => this.takeEach(keys));

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: BucketSettings,
  ) {
    this.perSecond = settings.perMinute / 60;
  }

  async take(key: string): Promise<TakeResult> {
    this.sweepNowAndThen();
    if (await this.takes.submit(key)) return { allowed: true };
    const { rows } = await this.pool.query<{ tokens: number }>(
      `SELECT ${REFILLED} AS tokens FROM api_rate_limits b WHERE key = $1`,
      [key, this.settings.burst, this.perSecond],
    );
    const tokens = rows[0]?.tokens ?? this.settings.burst;
    const waitSeconds = this.perSecond > 0 ? (1 - tokens) / this.perSecond : Infinity;
    return {
      allowed: false,
      retryAfterSeconds: Number.isFinite(waitSeconds) ? Math.max(1, Math.ceil(waitSeconds)) : 60,
    };
  }

  /** One token from each key's bucket where there is one: which keys got theirs. */
  private async takeEach(keys: readonly string[]): Promise<Map<string, boolean>> {
    const { rows } = await this.pool.query<{ key: string }>({
      name: 'api-rate-limit-take-each',
      text: `INSERT INTO api_rate_limits AS b (key, tokens, updated_at)
             SELECT key, $2::float8 - 1, now() FROM unnest($1::text[]) AS key ORDER BY key
             ON CONFLICT (key) DO UPDATE SET tokens = ${REFILLED} - 1, updated_at = now()
             WHERE ${REFILLED} >= 1
             RETURNING b.key`,
      values: [[...keys].sort(), this.settings.burst, this.perSecond],
    });
    const taken = new Set(rows.map((row) => row.key));
    return new Map(keys.map((key) => [key, taken.has(key)]));
  }

  private sweepNowAndThen(): void {
    const nowMs = performance.now();
    if (nowMs - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = nowMs;
    const fullAfterSeconds = this.perSecond > 0 ? this.settings.burst / this.perSecond : 3_600;
    // Not awaited: housekeeping must not slow the request that happens to trigger it. Rows a take
    // holds are skipped (deleted next time), so the sweep never waits for a take nor deadlocks with one.
    void this.pool
      .query(
        `DELETE FROM api_rate_limits WHERE key IN (
           SELECT key FROM api_rate_limits WHERE updated_at < now() - make_interval(secs => $1) FOR UPDATE SKIP LOCKED)`,
        [fullAfterSeconds],
      )
      .catch(() => undefined);
  }
}
