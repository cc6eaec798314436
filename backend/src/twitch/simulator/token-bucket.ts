/**
 * Helix's rate-limit bucket: `pointsPerMinute` points, refilled continuously at that rate.
 * Points are kept in integer units of 1/60000 point so a refill of one point takes exactly
 * 60000 / pointsPerMinute ms with no floating-point drift (75 ms at 800/min).
 */
const UNITS_PER_POINT = 60_000;

export interface RateLimitHeaderValues {
  limit: number;
  remaining: number;
  /** Unix epoch seconds at which the bucket is full again. */
  resetEpochSeconds: number;
}

export class TokenBucket {
  private units: number;
  private lastRefillMs: number;

  constructor(
    readonly pointsPerMinute: number,
    nowMs: number,
  ) {
    this.units = this.capacityUnits;
    this.lastRefillMs = nowMs;
  }

  private get capacityUnits(): number {
    return this.pointsPerMinute * UNITS_PER_POINT;
  }

  private refill(nowMs: number): void {
    // The simulated clock may jump backwards (backfills); then refilling restarts from there.
    if (nowMs > this.lastRefillMs) {
      this.units = Math.min(this.capacityUnits, this.units + (nowMs - this.lastRefillMs) * this.pointsPerMinute);
    }
    this.lastRefillMs = nowMs;
  }

  /** Spends `points` if the bucket has them; false means the request must get a 429. */
  take(nowMs: number, points = 1): boolean {
    this.refill(nowMs);
    if (this.units < points * UNITS_PER_POINT) return false;
    this.units -= points * UNITS_PER_POINT;
    return true;
  }

  /** Empties the bucket, as another process sharing the client id would. */
  drain(nowMs: number): void {
    this.refill(nowMs);
    this.units = 0;
  }

  headers(nowMs: number): RateLimitHeaderValues {
    this.refill(nowMs);
    const msToFull = Math.ceil((this.capacityUnits - this.units) / this.pointsPerMinute);
    return {
      limit: this.pointsPerMinute,
      remaining: Math.floor(this.units / UNITS_PER_POINT),
      resetEpochSeconds: Math.ceil((nowMs + msToFull) / 1000),
    };
  }
}
