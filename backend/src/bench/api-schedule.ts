/**
 * The pure parts of the API benchmark's load: percentiles, the open-loop schedule (request i is
 * due at i / rate seconds, whatever the answers do) and the pool of keep-alive sockets the open
 * loop sends on. No sockets or timers here, so they are unit-tested (api-schedule.unit.spec.ts).
 */

/**
 * The q-quantile of ascending `sorted` by nearest rank: the smallest value that at least q of the
 * samples do not exceed (p99 of 100 samples is the 99th, not the largest). NaN when empty.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

/**
 * A fixed-rate schedule of `perSecond` requests over `warmupSeconds + seconds`: request i is due at
 * i × 1000 / perSecond ms from the start. `due(elapsedMs)` hands out, in order, every request due by
 * then that was not handed out yet, each with the time it was due: a sender that wakes late sends
 * the missed ones at once and measures each from its due time, so a stall in the server (or the
 * sender) shows in the latencies instead of thinning the requests (no coordinated omission).
 */
export class OpenLoopSchedule {
  readonly total: number;
  private readonly endMs: number;
  private next = 0;

  constructor(
    readonly perSecond: number,
    readonly warmupSeconds: number,
    readonly seconds: number,
  ) {
    if (!(perSecond > 0)) throw new Error(`an open-loop rate must be above 0 (got ${perSecond})`);
    this.endMs = warmupSeconds * 1000 + seconds * 1000;
    // The requests due before the end; the tolerance keeps a float product such as 6.000000000000001 at 6.
    this.total = Math.ceil((this.endMs * perSecond) / 1000 - 1e-9);
  }

  /** When request `index` is due, in ms from the start. */
  dueAt(index: number): number {
    return (index * 1000) / this.perSecond;
  }

  /** Whether a request due at `dueAtMs` is measured (after the warm-up, within the measured time). */
  measured(dueAtMs: number): boolean {
    return dueAtMs >= this.warmupSeconds * 1000 && dueAtMs < this.endMs;
  }

  /** The due times (ms from the start) of the requests newly due by `elapsedMs`. */
  due(elapsedMs: number): number[] {
    const due: number[] = [];
    while (this.next < this.total && this.dueAt(this.next) <= elapsedMs) due.push(this.dueAt(this.next++));
    return due;
  }

  /** When the next request is due (ms from the start), or undefined when all were handed out. */
  nextDueAt(): number | undefined {
    return this.next < this.total ? this.dueAt(this.next) : undefined;
  }
}

/**
 * Keep-alive sockets for an open loop: a request takes an idle socket, or opens one while fewer
 * than `max` are open; at `max` it waits (its latency still counts from its due time) and takes
 * the next socket released. The most recently released socket is reused first.
 */
export class SocketPool<S, R> {
  private readonly idle: S[] = [];
  private readonly waiting: R[] = [];
  /** Sockets opened so far (never more than `max`). */
  opened = 0;
  /** The most requests that waited for a socket at once. */
  mostWaiting = 0;

  constructor(
    private readonly open: () => S,
    private readonly max: number,
  ) {}

  /** A socket for `request`, or undefined when it has to wait for `release`. */
  acquire(request: R): S | undefined {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.opened < this.max) {
      this.opened++;
      return this.open();
    }
    this.waiting.push(request);
    this.mostWaiting = Math.max(this.mostWaiting, this.waiting.length);
    return undefined;
  }

  /** Gives `socket` back: the longest-waiting request to send on it next, or undefined (it is idle). */
  release(socket: S): R | undefined {
    if (this.waiting.length) return this.waiting.shift();
    this.idle.push(socket);
    return undefined;
  }

  /** Requests still waiting for a socket. */
  get queued(): number {
    return this.waiting.length;
  }
}
