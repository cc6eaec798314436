/**
 * Per-user cooldown on the collection endpoints, against abuse: a user may ask for a run of each
 * kind once per COLLECTION_COOLDOWN_SECONDS; earlier asks get 429 with Retry-After. Kept in
 * PostgreSQL (`request_cooldowns`), so a user cannot dodge it by reaching another instance; time is
 * the injected clock, as for the jobs the cooldown guards.
 */
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { CLOCK } from '../../clock.js';
import { PG_POOL } from '../../database/create-pool.js';
import type { Clock } from '../../clock.js';
import { COLLECTION_OPTIONS, type CollectionOptions } from '../collection-options.js';

export class CooldownActiveException extends HttpException {
  readonly headers: Record<string, string>;
  constructor(what: string, retryAfterSeconds: number) {
    super(`${what} was asked for moments ago; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

@Injectable()
export class RequestCooldown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COLLECTION_OPTIONS) private readonly options: CollectionOptions,
  ) {}

  /**
   * Starts the user's cooldown for `what`, or throws CooldownActiveException while one runs.
   * Check and start are one statement, so two simultaneous requests (on any instances) cannot both pass.
   */
  async claim(userId: string, what: string): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const key = keyOf(userId, what);
    const { rowCount } = await this.pool.query(
      `INSERT INTO request_cooldowns AS c (key, next_allowed_ms) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET next_allowed_ms = EXCLUDED.next_allowed_ms WHERE c.next_allowed_ms <= $3`,
      [key, nowMs + this.options.cooldownSeconds * 1000, nowMs],
    );
    if (rowCount === 1) return;
    const { rows } = await this.pool.query<{ next: string }>(
      `SELECT next_allowed_ms AS next FROM request_cooldowns WHERE key = $1`,
      [key],
    );
    const next = Number(rows[0]?.next ?? nowMs);
    throw new CooldownActiveException(what, Math.max(1, Math.ceil((next - nowMs) / 1000)));
  }

  /** The request was refused for another reason (e.g. no channel): it does not count. */
  async release(userId: string, what: string): Promise<void> {
    await this.pool.query(`DELETE FROM request_cooldowns WHERE key = $1`, [keyOf(userId, what)]);
  }
}

// `what` is a job kind (no colon), so the key is unambiguous; PostgreSQL text cannot hold NUL.
const keyOf = (userId: string, what: string) => `${what}:${userId}`;
