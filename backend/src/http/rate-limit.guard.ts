/**
 * Per-user rate limiting (per client address for writes that need no session): 429 with
 * `Retry-After` once a caller's bucket is empty. Runs after the auth guard, so the key is the
 * verified user, never a claim a caller could vary. The buckets live in PostgreSQL
 * (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST), so several instances behind a balancer apply one
 * limit: a user limited on one is limited on all.
 */
import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { APP_CONFIG } from '../config/app-config.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import type { AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/create-pool.js';
import { SharedTokenBuckets } from './shared-token-buckets.js';

export class TooManyRequestsException extends HttpException {
  readonly headers: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets: SharedTokenBuckets | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(PG_POOL) pool: pg.Pool) {
    this.buckets = config.rateLimit.perMinute > 0 ? new SharedTokenBuckets(pool, config.rateLimit) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.buckets || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    // Reads without a session (health checks, sign-in configuration) are never refused: a balancer's
    // probe must not get 429. Writes without a session (sign-in) count per client address.
    if (!request.user && (request.method === 'GET' || request.method === 'HEAD')) return true;
    const key = request.user ? `user:${request.user.userId}` : `address:${request.ip || 'unknown'}`;
    const result = await this.buckets.take(key);
    if (!result.allowed) throw new TooManyRequestsException(result.retryAfterSeconds);
    return true;
  }
}
