/**
 * Token buckets by key (user id, or client address) in PostgreSQL (`api_rate_limits`), so that
 * every instance behind a balancer applies one limit: each key may make `burst` requests at once and
 * `perMinute` a minute sustained, wherever they land. One statement per request refills the bucket
 * by the database's clock and takes a token only if there is one; a refused request reads the
 * bucket once more to say when to retry. Full buckets are deleted now and then (a missing bucket
 * is a full one).
 */
import type pg from 'pg';

export interface BucketSettings {
  perMinute: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const SWEEP_EVERY_MS = 60_000;

export class SharedTokenBuckets {
  private lastSweepMs = 0;
  private readonly perSecond: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: BucketSettings,
  ) {
    this.perSecond = settings.perMinute / 60;
  }

  async take(key: string): Promise<TakeResult> {
    this.sweepNowAndThen();
    const refilled = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at))::float8 * $3::float8)`;
    const { rowCount } = await this.pool.query({
      name: 'api-rate-limit-take',
      text: `INSERT INTO api_rate_limits AS b (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, now())
             ON CONFLICT (key) DO UPDATE SET tokens = ${refilled} - 1, updated_at = now()
             WHERE ${refilled} >= 1`,
      values: [key, this.settings.burst, this.perSecond],
    });
    if (rowCount === 1) return { allowed: true };
    const { rows } = await this.pool.query<{ tokens: number }>(
      `SELECT ${refilled} AS tokens FROM api_rate_limits b WHERE key = $1`,
      [key, this.settings.burst, this.perSecond],
    );
    const tokens = rows[0]?.tokens ?? this.settings.burst;
    const waitSeconds = this.perSecond > 0 ? (1 - tokens) / this.perSecond : Infinity;
    return {
      allowed: false,
      retryAfterSeconds: Number.isFinite(waitSeconds) ? Math.max(1, Math.ceil(waitSeconds)) : 60,
    };
  }

  private sweepNowAndThen(): void {
    const nowMs = performance.now();
    if (nowMs - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = nowMs;
    const fullAfterSeconds = this.perSecond > 0 ? this.settings.burst / this.perSecond : 3_600;
    // Not awaited: housekeeping must not slow the request that happens to trigger it.
    void this.pool
      .query(`DELETE FROM api_rate_limits WHERE updated_at < now() - make_interval(secs => $1)`, [fullAfterSeconds])
      .catch(() => undefined);
  }
}
