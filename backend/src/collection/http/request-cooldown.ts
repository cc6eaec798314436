/**
 * Per-user cooldown on the collection endpoints, against abuse: a user may ask for a run of each
 * kind once per COLLECTION_COOLDOWN_SECONDS; earlier asks get 429 with Retry-After. Kept in memory
 * per instance (a user's requests usually reach one instance; the Helix budget is guarded anyway).
 */
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../clock.js';
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
  private readonly nextAllowedMs = new Map<string, number>();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COLLECTION_OPTIONS) private readonly options: CollectionOptions,
  ) {}

  /**
   * Starts the user's cooldown for `what`, or throws CooldownActiveException while one runs.
   * Check and start are one step, so two simultaneous requests cannot both pass.
   */
  claim(userId: string, what: string): void {
    const nowMs = this.clock.now().getTime();
    const key = `${what}\u0000${userId}`;
    const next = this.nextAllowedMs.get(key);
    if (next !== undefined && next > nowMs)
      throw new CooldownActiveException(what, Math.max(1, Math.ceil((next - nowMs) / 1000)));
    for (const [k, until] of this.nextAllowedMs) if (until <= nowMs) this.nextAllowedMs.delete(k);
    this.nextAllowedMs.set(key, nowMs + this.options.cooldownSeconds * 1000);
  }

  /** The request was refused for another reason (e.g. no channel): it does not count. */
  release(userId: string, what: string): void {
    this.nextAllowedMs.delete(`${what}\u0000${userId}`);
  }
}
