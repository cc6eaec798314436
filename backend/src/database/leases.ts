/**
 * Leases in PostgreSQL (`leases` table): a named piece of work has at most one holder at a time,
 * across every process on the database. A holder renews its lease while it works; a lease whose
 * holder died or hangs expires, and then anyone may take it. Times are the database's (`now()`),
 * so the instances' clocks need not agree.
 *
 * Unlike a session advisory lock, a lease survives the connection that took it (a pooled query
 * does), holds while the database restarts, and says who holds it and until when.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { scheduleInterval, SchedulerRegistry } from '../scheduling.js';

export interface LeaseTiming {
  /** How long a lease holds without renewal: the longest a dead holder keeps others waiting. */
  ttlMs: number;
  /** How often a holder renews (well under ttlMs). */
  renewMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 20_000, renewMs: 5_000 };

/** A lease this process holds; renewed in the background until released or lost. */
export interface HeldLease {
  readonly name: string;
  /** True once the lease was found taken by another holder, or could not be renewed before it expired. */
  readonly lost: boolean;
  /** `done`: the work is finished, the lease goes; otherwise it expires now, for another holder to go on. */
  release(options?: { done?: boolean }): Promise<void>;
}

export class Leases {
  /** This process, as the `holder` of its leases. */
  readonly holder = `${os.hostname()}:${String(process.pid)}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    readonly timing: LeaseTiming = DEFAULT_LEASE_TIMING,
    /** Where the renewal and leadership intervals are registered (the Nest app's registry). */
    readonly scheduler: SchedulerRegistry = new SchedulerRegistry(),
  ) {}

  /** Takes the lease when it is free, expired or already ours; null when another holder has it. */
  async tryTake(name: string): Promise<HeldLease | null> {
    if (!(await this.claim(name))) return null;
    return new RenewedLease(name, this);
  }

  /**
   * Records `name` as held here without renewing it: a job just requested, which this process means
   * to run. If it dies before taking the lease for real, the row expires and someone else runs it.
   */
  async reserve(name: string): Promise<void> {
    await this.claim(name);
  }

  /** Names under `prefix` whose lease expired: work whose holder stopped renewing. */
  async expired(prefix: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT name FROM leases WHERE name LIKE $1 || '%' AND expires_at < now() ORDER BY taken_at`,
      [prefix],
    );
    return rows.map((r) => r.name);
  }

  /** Insert, renew, or take over an expired lease, in one statement. */
  async claim(name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE
         SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
             taken_at = CASE WHEN leases.holder = EXCLUDED.holder THEN leases.taken_at ELSE now() END
         WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()`,
      [name, this.holder, this.timing.ttlMs / 1000],
    );
    return rowCount === 1;
  }

  /** Renews a lease held here; false when it is no longer ours. */
  async renew(name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE leases SET expires_at = now() + make_interval(secs => $3) WHERE name = $1 AND holder = $2`,
      [name, this.holder, this.timing.ttlMs / 1000],
    );
    return rowCount === 1;
  }

  async drop(name: string, done: boolean): Promise<void> {
    await this.pool.query(
      done
        ? `DELETE FROM leases WHERE name = $1 AND holder = $2`
        : `UPDATE leases SET expires_at = now() - interval '1 millisecond' WHERE name = $1 AND holder = $2`,
      [name, this.holder],
    );
  }

  warn(message: string, fields: Record<string, unknown>): void {
    this.logger.warn(fields, message);
  }
}

class RenewedLease implements HeldLease {
  lost = false;
  private readonly cancelRenewal: () => void;
  /** Local (monotonic) time until which the last successful renewal holds the lease. */
  private validUntilMs: number;
  private released = false;

  constructor(
    readonly name: string,
    private readonly leases: Leases,
  ) {
    this.validUntilMs = performance.now() + leases.timing.ttlMs;
    this.cancelRenewal = scheduleInterval(
      leases.scheduler,
      `lease-renewal:${name}`,
      leases.timing.renewMs,
      () => void this.renew(),
    );
  }

  private async renew(): Promise<void> {
    if (this.released || this.lost) return;
    const startedMs = performance.now();
    try {
      if (await this.leases.renew(this.name)) {
        this.validUntilMs = startedMs + this.leases.timing.ttlMs;
        return;
      }
      this.lose('taken by another holder');
    } catch (err) {
      // The database may be back before the lease expires; until then the lease still holds.
      if (performance.now() >= this.validUntilMs) this.lose('could not be renewed before it expired', err);
    }
  }

  private lose(why: string, err?: unknown): void {
    if (this.lost) return;
    this.lost = true;
    this.cancelRenewal();
    this.leases.warn('lease lost: stopping its work', { lease: this.name, why, err });
  }

  async release(options: { done?: boolean } = {}): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.cancelRenewal();
    if (this.lost) return;
    await this.leases.drop(this.name, options.done ?? true);
  }
}

/**
 * A lease kept for as long as the process runs, by whichever instance gets it first: the leader for
 * one kind of recurring work (live polling, token validation). Every instance tries every renewMs;
 * the holder renews, the others take over once it expires.
 */
export class Leadership {
  private held = false;
  private cancelAttempts: (() => void) | undefined;

  constructor(
    private readonly leases: Leases,
    readonly name: string,
    private readonly logger: Logger,
  ) {}

  /** Starts trying (at once, then every renewMs); resolves after the first try. */
  async begin(): Promise<void> {
    if (this.cancelAttempts) return;
    this.cancelAttempts = scheduleInterval(
      this.leases.scheduler,
      `leadership:${this.name}`,
      this.leases.timing.renewMs,
      () => void this.attempt(),
    );
    await this.attempt();
  }

  /** Whether this instance leads now (as of the last renewal). */
  get isLeader(): boolean {
    return this.held;
  }

  /** Claims or renews now, and says whether this instance leads: asked before each piece of work. */
  async confirm(): Promise<boolean> {
    await this.attempt();
    return this.held;
  }

  async end(): Promise<void> {
    this.cancelAttempts?.();
    this.cancelAttempts = undefined;
    if (!this.held) return;
    this.held = false;
    await this.leases.drop(this.name, true).catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    try {
      const held = await this.leases.claim(this.name);
      if (held !== this.held) this.logger.info({ lease: this.name, holder: this.leases.holder, held }, 'leadership');
      this.held = held;
    } catch (err) {
      // Unknown while the database is away: stop leading, so two leaders never overlap.
      if (this.held) this.logger.warn({ err, lease: this.name }, 'could not renew leadership; stepping down');
      this.held = false;
    }
  }
}
