/**
 * One limiter per Helix bucket (the app's, and one per user token). It keeps a local model of
 * the bucket (refilled continuously at `limit` points per minute, corrected by every response's
 * Ratelimit-* headers) and hands out permits only when a point is available, so requests wait
 * instead of hitting 429. Permits are granted in arrival order by a single pump, so at most one
 * sleep is pending per bucket.
 *
 * Background requests (backfills, see request-priority.ts) wait behind every foreground request,
 * never take the last request slot, and leave a reserve of points in the bucket, so a live poll or
 * the daily job that arrives during a long backfill goes out at once at nearly the full rate.
 */
import type { Clock } from '../clock.js';
import type { RateLimitSnapshot } from './rate-limit-headers.js';
import { currentPriority } from './request-priority.js';

const UNITS_PER_POINT = 60_000; // 1/60000-point units make refill arithmetic exact integers
/** Share of the bucket a background request must leave untouched for the foreground. */
const BACKGROUND_RESERVE = 0.1;

export interface RateLimiterOptions {
  clock: Clock;
  /** Requests in flight at once on this bucket. */
  concurrency: number;
}

export interface Permit {
  /** Call exactly once when the response (or failure) is in. */
  release(snapshot?: RateLimitSnapshot): void;
}

export interface RateLimiterStats {
  granted: number;
  waitedMs: number;
  rateLimited: number;
  limit: number | undefined;
  remaining: number | undefined;
}

export class RateLimiter {
  private limit: number | undefined;
  private units = 0;
  private refilledAtMs = 0;
  private blockedUntilMs = 0;
  private inFlight = 0;
  private pumping = false;
  private readonly queue: Array<(permit: Permit) => void> = [];
  private readonly backgroundQueue: Array<(permit: Permit) => void> = [];
  readonly stats: RateLimiterStats = {
    granted: 0,
    waitedMs: 0,
    rateLimited: 0,
    limit: undefined,
    remaining: undefined,
  };

  constructor(private readonly options: RateLimiterOptions) {}

  acquire(): Promise<Permit> {
    const queue = currentPriority() === 'background' ? this.backgroundQueue : this.queue;
    return new Promise((resolve) => {
      queue.push(resolve);
      void this.pump();
    });
  }

  /** A 429: nothing more goes out until the bucket's reset time, when it is full again. */
  rateLimited(resetAt: Date | undefined): void {
    const nowMs = this.options.clock.now().getTime();
    this.stats.rateLimited += 1;
    this.blockedUntilMs = Math.max(this.blockedUntilMs, resetAt?.getTime() ?? nowMs + 1_000);
    this.units = 0;
    this.refilledAtMs = nowMs;
  }

  private observe(snapshot: RateLimitSnapshot): void {
    const nowMs = this.options.clock.now().getTime();
    this.stats.limit = snapshot.limit;
    this.stats.remaining = snapshot.remaining;
    if (this.limit === undefined || this.limit !== snapshot.limit) {
      this.limit = snapshot.limit;
      this.units = snapshot.remaining * UNITS_PER_POINT;
      this.refilledAtMs = nowMs;
      return;
    }
    this.refill(nowMs);
    // Trust the server only when it reports less than we think: it also counts requests not yet
    // answered, and other processes sharing the bucket. Otherwise our model is the finer one.
    if (snapshot.remaining < Math.floor(this.units / UNITS_PER_POINT))
      this.units = snapshot.remaining * UNITS_PER_POINT;
  }

  private refill(nowMs: number): void {
    if (this.limit === undefined) return;
    if (nowMs > this.refilledAtMs)
      this.units = Math.min(this.limit * UNITS_PER_POINT, this.units + (nowMs - this.refilledAtMs) * this.limit);
    this.refilledAtMs = nowMs;
  }

  private grant(queue: Array<(permit: Permit) => void>): void {
    const resolve = queue.shift();
    if (!resolve) return;
    this.inFlight += 1;
    this.stats.granted += 1;
    let released = false;
    resolve({
      release: (snapshot) => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        if (snapshot) this.observe(snapshot);
        void this.pump();
      },
    });
  }

  private async wait(ms: number): Promise<void> {
    this.stats.waitedMs += ms;
    await this.options.clock.sleep(ms);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const foreground = this.queue.length > 0;
        if (!foreground && this.backgroundQueue.length === 0) return;
        // A background request never takes the last slot: a foreground one can always go out.
        const slots = foreground ? this.options.concurrency : Math.max(1, this.options.concurrency - 1);
        if (this.inFlight >= slots) return;
        const queue = foreground ? this.queue : this.backgroundQueue;
        const nowMs = this.options.clock.now().getTime();
        if (nowMs < this.blockedUntilMs) {
          await this.wait(this.blockedUntilMs - nowMs);
          continue;
        }
        // Until the first response tells us the bucket's size, probe with one request at a time.
        if (this.limit === undefined) {
          if (this.inFlight > 0) return;
          this.grant(queue);
          continue;
        }
        this.refill(nowMs);
        const needed = foreground
          ? UNITS_PER_POINT
          : UNITS_PER_POINT + Math.ceil(this.limit * BACKGROUND_RESERVE) * UNITS_PER_POINT;
        if (this.units >= needed) {
          this.units -= UNITS_PER_POINT;
          this.grant(queue);
          continue;
        }
        // Wait a short while at most, so a foreground request arriving meanwhile is not held up.
        await this.wait(Math.min(Math.ceil((needed - this.units) / this.limit), foreground ? Infinity : 250));
      }
    } finally {
      this.pumping = false;
    }
  }
}
