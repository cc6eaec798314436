/**
 * Time as a dependency: the rate limiter, backoff sleeps, token expiry and the simulator's world
 * all read this, so tests can run minutes of rate-limited traffic in milliseconds.
 */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

interface Sleeper {
  wakeAtMs: number;
  resolve: () => void;
}

export interface SimulatedClockOptions {
  /**
   * When true, each `sleep` moves simulated time forward by its length at once (sleeps do not
   * overlap), so code that waits on the clock runs as fast as the CPU allows. Suits code with one
   * sleeper at a time, such as a rate limiter's pump.
   */
  autoAdvance?: boolean;
  /**
   * When true, time runs at wall-clock speed from the start instant (sleeps use real timers), and
   * `set`/`advance` shift it: the embedded default's simulator lives in the present but can be
   * moved back to replay history.
   */
  followRealTime?: boolean;
}

/** A clock the tests control: time moves only through `set`, `advance` or auto-advancing sleeps. */
export class SimulatedClock implements Clock {
  autoAdvance: boolean;
  private readonly followRealTime: boolean;
  private baseMs: number;
  private realStartMs = Date.now();
  private sleepers: Sleeper[] = [];

  constructor(start: Date | number = Date.UTC(2026, 0, 5, 12), options: SimulatedClockOptions = {}) {
    this.baseMs = typeof start === 'number' ? start : start.getTime();
    this.autoAdvance = options.autoAdvance ?? false;
    this.followRealTime = options.followRealTime ?? false;
  }

  private get currentMs(): number {
    return this.followRealTime ? this.baseMs + (Date.now() - this.realStartMs) : this.baseMs;
  }

  private set currentMs(ms: number) {
    this.baseMs = ms;
    this.realStartMs = Date.now();
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  nowMs(): number {
    return this.currentMs;
  }

  /** Jumps to any time, also backwards (backfills replay the past); due sleepers wake. */
  set(time: Date | number): void {
    this.currentMs = typeof time === 'number' ? time : time.getTime();
    this.wakeDueSleepers();
  }

  advance(ms: number): void {
    this.set(this.currentMs + ms);
  }

  /** Number of sleeps not yet woken: lets a test advance only once something is waiting. */
  get pendingSleeps(): number {
    return this.sleepers.length;
  }

  sleep(ms: number): Promise<void> {
    const wakeAtMs = this.currentMs + Math.max(0, ms);
    if (this.followRealTime) return systemClock.sleep(ms);
    if (this.autoAdvance) {
      this.currentMs = Math.max(this.currentMs, wakeAtMs);
      // setImmediate lets pending I/O run first, as a real sleep would.
      return new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => {
      this.sleepers.push({ wakeAtMs, resolve });
      this.wakeDueSleepers();
    });
  }

  private wakeDueSleepers(): void {
    const due = this.sleepers.filter((s) => s.wakeAtMs <= this.currentMs);
    if (due.length === 0) return;
    this.sleepers = this.sleepers.filter((s) => s.wakeAtMs > this.currentMs);
    due.sort((a, b) => a.wakeAtMs - b.wakeAtMs).forEach((s) => s.resolve());
  }
}

/** The name the simulator's options use for the clock it shares with tests. */
export type SimClock = SimulatedClock;

/** Nest injection token for the Clock the app is given. */
export const CLOCK = Symbol('Clock');
