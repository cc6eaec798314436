/**
 * One limiter per Helix bucket (the app's, and one per user token). It hands out permits only when
 * the bucket's budget (rate-budget.ts: refilled continuously at `limit` points per minute,
 * corrected by every response's Ratelimit-* headers; in memory, or in PostgreSQL shared by every
 * instance) gives a point, so requests wait instead of hitting 429. Permits are granted in arrival
 * order by a single pump, so at most one sleep is pending per bucket.
 *
 * Background requests (backfills, see request-priority.ts) wait behind every foreground request,
 * never take the last request slot, and leave a reserve of points in the bucket, so a live poll or
 * the daily job that arrives during a long backfill goes out at once at nearly the full rate. With a
 * shared budget the reserve is shared too: a backfill on one instance leaves it to the others.
 */
import type { Clock } from '../clock.js';
import { LocalRateBudget, type RateBudget } from './rate-budget.js';
import type { RateLimitSnapshot } from './rate-limit-headers.js';
import { currentPriority } from './request-priority.js';

export interface RateLimiterOptions {
  clock: Clock;
  /** Requests in flight at once on this bucket. */
  concurrency: number;
  /** Default: a bucket of this process alone. */
  budget?: RateBudget;
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
  private inFlight = 0;
  private pumping = false;
  private readonly budget: RateBudget;
  /** Budget updates from responses, in order; the pump asks for points after them. */
  private updates: Promise<unknown> = Promise.resolve();
  private readonly queue: Array<(permit: Permit) => void> = [];
  private readonly backgroundQueue: Array<(permit: Permit) => void> = [];
  readonly stats: RateLimiterStats = {
    granted: 0,
    waitedMs: 0,
    rateLimited: 0,
    limit: undefined,
    remaining: undefined,
  };

  constructor(private readonly options: RateLimiterOptions) {
    this.budget = options.budget ?? new LocalRateBudget();
  }

  acquire(): Promise<Permit> {
    const queue = currentPriority() === 'background' ? this.backgroundQueue : this.queue;
    return new Promise((resolve) => {
      queue.push(resolve);
      void this.pump();
    });
  }

  /** A 429: nothing more goes out until the bucket's reset, when it is full again. */
  rateLimited(resetAt: Date | undefined): void {
    this.stats.rateLimited += 1;
    this.update(() => this.budget.rateLimited(resetAt, this.options.clock.now().getTime()));
  }

  private observe(snapshot: RateLimitSnapshot, probe: boolean): void {
    this.stats.limit = snapshot.limit;
    this.stats.remaining = snapshot.remaining;
    this.update(() => this.budget.observe(snapshot, this.options.clock.now().getTime(), probe));
  }

  private update(change: () => Promise<void>): void {
    // A failed update (database briefly away) only leaves the model less exact; Twitch's next headers correct it.
    this.updates = this.updates.then(change).catch(() => undefined);
  }

  private grant(queue: Array<(permit: Permit) => void>, probe = false): void {
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
        if (snapshot) this.observe(snapshot, probe);
        void this.updates.then(() => this.pump());
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
        await this.updates;
        let taken;
        try {
          taken = await this.budget.take(this.options.clock.now().getTime(), !foreground);
        } catch {
          // The shared budget cannot be reached (database away): ask again shortly.
          await this.wait(1_000);
          continue;
        }
        // A foreground request may have arrived while a background one asked: the point goes to it.
        const queue = this.queue.length > 0 ? this.queue : this.backgroundQueue;
        if (taken.kind === 'granted') {
          this.grant(queue);
          continue;
        }
        if (taken.kind === 'unknown') {
          // Until the first response tells us the bucket's size, probe with one request at a time.
          if (this.inFlight > 0) return;
          this.grant(queue, true);
          continue;
        }
        // Wait a short while at most, so a foreground request arriving meanwhile is not held up.
        await this.wait(Math.min(taken.waitMs, foreground ? Infinity : 250));
      }
    } finally {
      this.pumping = false;
    }
  }
}
