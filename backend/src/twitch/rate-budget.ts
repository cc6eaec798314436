/**
 * The model of one Helix rate-limit bucket: `limit` points a minute, refilled continuously, spent
 * one point per request, corrected by Twitch's Ratelimit-* headers, emptied by a 429 until the
 * bucket's reset. The limiter (rate-limiter.ts) asks it for points; where the model lives is the
 * budget's business: in this process (LocalRateBudget), or in PostgreSQL, shared by every
 * instance using the same client id (postgres-rate-budget.ts).
 */
import type { RateLimitSnapshot } from './rate-limit-headers.js';

export const UNITS_PER_POINT = 60_000; // 1/60000-point units make refill arithmetic exact integers
/** Share of the bucket a background request must leave untouched for the foreground. */
export const BACKGROUND_RESERVE = 0.1;

export type TakeResult =
  /** One point taken: send the request. */
  | { kind: 'granted' }
  /** Not enough points (or blocked after a 429): ask again after `waitMs`. */
  | { kind: 'wait'; waitMs: number }
  /** The bucket's size is not known yet (no response seen): probe with one request at a time. */
  | { kind: 'unknown' };

export interface RateBudget {
  /** Takes a point if there is one (a background request also leaves the reserve untouched). */
  take(nowMs: number, background: boolean): Promise<TakeResult>;
  /**
   * A response's Ratelimit-* headers. `probe`: the request went out while the bucket was unknown,
   * so no point was taken for it (a shared budget still has to count it).
   */
  observe(snapshot: RateLimitSnapshot, nowMs: number, probe: boolean): Promise<void>;
  /** A 429: nothing more goes out until the bucket's reset, when it is full again. */
  rateLimited(resetAt: Date | undefined, nowMs: number): Promise<void>;
}

/** Units a request needs in the bucket before it may take a point. */
export const unitsNeeded = (limit: number, background: boolean): number =>
  background ? UNITS_PER_POINT + Math.ceil(limit * BACKGROUND_RESERVE) * UNITS_PER_POINT : UNITS_PER_POINT;

/** The bucket in this process's memory: right for one process per client id (tests, the CLI alone). */
export class LocalRateBudget implements RateBudget {
  private limit: number | undefined;
  private units = 0;
  private refilledAtMs = 0;
  private blockedUntilMs = 0;

  take(nowMs: number, background: boolean): Promise<TakeResult> {
    if (nowMs < this.blockedUntilMs) return Promise.resolve({ kind: 'wait', waitMs: this.blockedUntilMs - nowMs });
    if (this.limit === undefined) return Promise.resolve({ kind: 'unknown' });
    this.refill(nowMs);
    const needed = unitsNeeded(this.limit, background);
    if (this.units >= needed) {
      this.units -= UNITS_PER_POINT;
      return Promise.resolve({ kind: 'granted' });
    }
    return Promise.resolve({ kind: 'wait', waitMs: Math.ceil((needed - this.units) / this.limit) });
  }

  observe(snapshot: RateLimitSnapshot, nowMs: number): Promise<void> {
    if (this.limit === undefined || this.limit !== snapshot.limit) {
      this.limit = snapshot.limit;
      this.units = snapshot.remaining * UNITS_PER_POINT;
      this.refilledAtMs = nowMs;
      return Promise.resolve();
    }
    this.refill(nowMs);
    // Trust the server only when it reports less than we think: it also counts requests not yet
    // answered, and other processes sharing the bucket. Otherwise our model is the finer one.
    if (snapshot.remaining < Math.floor(this.units / UNITS_PER_POINT))
      this.units = snapshot.remaining * UNITS_PER_POINT;
    return Promise.resolve();
  }

  rateLimited(resetAt: Date | undefined, nowMs: number): Promise<void> {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, resetAt?.getTime() ?? nowMs + 1_000);
    this.units = 0;
    this.refilledAtMs = nowMs;
    return Promise.resolve();
  }

  private refill(nowMs: number): void {
    if (this.limit === undefined) return;
    if (nowMs > this.refilledAtMs)
      this.units = Math.min(this.limit * UNITS_PER_POINT, this.units + (nowMs - this.refilledAtMs) * this.limit);
    this.refilledAtMs = nowMs;
  }
}
