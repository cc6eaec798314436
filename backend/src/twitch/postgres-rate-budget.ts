/**
 * A Helix bucket's budget in PostgreSQL (`helix_rate_budgets`), shared by every process using the
 * same client id: Twitch gives 800 points a minute per client id (and a bucket per user token) for
 * all of them together. Each point is taken by one UPDATE that refills by the time elapsed and takes
 * a point only if enough are there, under the row's lock, so N instances never spend more than the
 * bucket holds; Twitch's Ratelimit-* headers correct it as in the local model (rate-budget.ts).
 *
 * Time is the caller's clock (the injected one), so a simulated clock works as with the local
 * budget; instances on real time agree on it to within their clocks' skew. The refill time only
 * moves forward: a caller whose clock reading is older than the last one (it read the clock, then
 * waited for the row) must not count the same interval again.
 */
import type pg from 'pg';
import type { RateLimitSnapshot } from './rate-limit-headers.js';
import { BACKGROUND_RESERVE, UNITS_PER_POINT, type RateBudget, type TakeResult } from './rate-budget.js';

/** A budget factory for the Helix client: one budget per bucket name, keyed by client id. */
export function postgresRateBudgets(pool: pg.Pool, clientId: string): (bucket: string) => RateBudget {
  return (bucket) => new PostgresRateBudget(pool, `${clientId}:${bucket}`);
}

interface TakeRow {
  limit_points: number;
  blocked_until_ms: string;
  refilled: string;
  needed: string;
}

export class PostgresRateBudget implements RateBudget {
  constructor(
    private readonly pool: pg.Pool,
    private readonly bucket: string,
  ) {}

  async take(nowMs: number, background: boolean): Promise<TakeResult> {
    const { rows } = await this.pool.query<TakeRow>(
      `WITH cur AS (
         SELECT limit_points, blocked_until_ms,
                LEAST(limit_points::bigint * $4, units + GREATEST(0, $2::bigint - refilled_at_ms) * limit_points) AS refilled,
                $4 + ceil(limit_points * $3::float8)::bigint * $4 AS needed
           FROM helix_rate_budgets WHERE bucket = $1 FOR UPDATE)
       UPDATE helix_rate_budgets h
          SET units = cur.refilled - CASE WHEN $2::bigint >= cur.blocked_until_ms AND cur.refilled >= cur.needed THEN $4 ELSE 0 END,
              refilled_at_ms = GREATEST(h.refilled_at_ms, $2)
         FROM cur WHERE h.bucket = $1
       RETURNING cur.limit_points, cur.blocked_until_ms, cur.refilled, cur.needed`,
      [this.bucket, nowMs, background ? BACKGROUND_RESERVE : 0, UNITS_PER_POINT],
    );
    const row = rows[0];
    if (!row) return { kind: 'unknown' };
    const blockedUntilMs = Number(row.blocked_until_ms);
    if (nowMs < blockedUntilMs) return { kind: 'wait', waitMs: blockedUntilMs - nowMs };
    const refilled = Number(row.refilled);
    const needed = Number(row.needed);
    if (refilled >= needed) return { kind: 'granted' };
    return { kind: 'wait', waitMs: Math.ceil((needed - refilled) / row.limit_points) };
  }

  async observe(snapshot: RateLimitSnapshot, nowMs: number, probe: boolean): Promise<void> {
    // A new size resets the model; otherwise, as in the local model, Twitch's figure is trusted only
    // when it is lower than ours (it has seen requests of every instance, but not those in flight).
    // A probe of another instance, sent before the row existed, took no point: it takes one now
    // (once too often if Twitch had counted it in the figure that created the row: harmless).
    await this.pool.query(
      `INSERT INTO helix_rate_budgets AS h (bucket, limit_points, units, refilled_at_ms)
       VALUES ($1, $2, $3::bigint * $5, $4)
       ON CONFLICT (bucket) DO UPDATE SET
         limit_points = EXCLUDED.limit_points,
         units = CASE
           WHEN h.limit_points <> EXCLUDED.limit_points THEN EXCLUDED.units
           ELSE LEAST(
             LEAST(h.limit_points::bigint * $5, h.units + GREATEST(0, $4::bigint - h.refilled_at_ms) * h.limit_points),
             CASE WHEN $3::bigint < LEAST(h.limit_points::bigint * $5, h.units + GREATEST(0, $4::bigint - h.refilled_at_ms) * h.limit_points) / $5
                  THEN EXCLUDED.units ELSE h.limit_points::bigint * $5 END)
             - CASE WHEN $6::boolean THEN $5 ELSE 0 END
         END,
         refilled_at_ms = GREATEST(h.refilled_at_ms, $4)`,
      [this.bucket, snapshot.limit, snapshot.remaining, nowMs, UNITS_PER_POINT, probe],
    );
  }

  async rateLimited(resetAt: Date | undefined, nowMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE helix_rate_budgets
          SET blocked_until_ms = GREATEST(blocked_until_ms, $2::bigint), units = 0,
              refilled_at_ms = GREATEST(refilled_at_ms, $3)
        WHERE bucket = $1`,
      [this.bucket, resetAt?.getTime() ?? nowMs + 1_000, nowMs],
    );
  }
}
