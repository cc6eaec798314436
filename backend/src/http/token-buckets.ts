/**
 * Token buckets by key (user id, or client address): each key may make `burst` requests at once
 * and `perMinute` a minute sustained. Pure bookkeeping with the time passed in, so it is tested
 * directly. Full buckets are forgotten on a sweep, so idle keys cost no memory.
 */
export interface BucketSettings {
  perMinute: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const SWEEP_EVERY_MS = 60_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweepMs = 0;

  constructor(private readonly settings: BucketSettings) {
    this.perMs = settings.perMinute / 60_000;
  }

  take(key: string, nowMs: number): TakeResult {
    if (nowMs - this.lastSweepMs > SWEEP_EVERY_MS) this.sweep(nowMs);
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.burst, updatedMs: nowMs };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + Math.max(0, nowMs - bucket.updatedMs) * this.perMs);
    bucket.updatedMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = this.perMs > 0 ? (1 - bucket.tokens) / this.perMs : Infinity;
    return { allowed: false, retryAfterSeconds: Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 60 };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedMs) * this.perMs >= this.settings.burst) this.buckets.delete(key);
    }
  }
}
