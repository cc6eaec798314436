/**
 * What Helix does before a route runs: check the token and Client-Id, charge the caller's
 * rate-limit bucket (one per app, one per user of the app), then answer with Ratelimit-* headers.
 */
import type { Clock } from '../../clock.js';
import { helixError, type HelixReply } from './helix-context.js';
import { HelixBadRequest, HelixNotFound, HelixQuery } from './helix-query.js';
import { HELIX_ROUTES } from './helix-routes.js';
import type { SimFaults } from './sim-faults.js';
import type { IssuedToken, SimTokenRegistry } from './sim-tokens.js';
import type { SimWorld } from './sim-world.js';
import { TokenBucket, type RateLimitHeaderValues } from './token-bucket.js';

export interface GatewayReply extends HelixReply {
  rateLimit?: RateLimitHeaderValues;
  bucket?: string;
}

export interface GatewaySettings {
  clientId: string;
  pointsPerMinute: number;
  clipResultCap: number;
  /** Where the simulator serves profile images (its own origin), so nothing reaches Twitch's CDN. */
  mediaBaseUrl: () => string;
  clock: Clock;
  world: SimWorld;
  tokens: SimTokenRegistry;
  faults: SimFaults;
}

export class HelixGateway {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly settings: GatewaySettings) {
    settings.faults.onDrain(() => this.drainAll(settings.clock.now().getTime()));
  }

  /** Empties every bucket at simulated time `nowMs`. */
  drainAll(nowMs: number): void {
    this.buckets.forEach((bucket) => bucket.drain(nowMs));
  }

  bucketFor(token: IssuedToken, nowMs: number): { key: string; bucket: TokenBucket } {
    const key = token.kind === 'app' ? `app:${token.clientId}` : `user:${token.clientId}:${token.userId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.settings.pointsPerMinute, nowMs);
      this.buckets.set(key, bucket);
    }
    return { key, bucket };
  }

  handle(
    endpoint: string,
    params: URLSearchParams,
    headers: { authorization?: string; clientId?: string },
    nowMs: number,
  ): GatewayReply {
    const route = HELIX_ROUTES[endpoint];
    if (!route) return helixError(404, `No such endpoint: ${endpoint}`);
    const accessToken = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!accessToken || !headers.clientId) return helixError(401, 'OAuth token and Client-Id header are required');
    const found = this.settings.tokens.lookup(accessToken, nowMs);
    if (!found.ok) return helixError(401, 'Invalid OAuth token');
    if (found.token.clientId !== headers.clientId) return helixError(401, 'Client ID and OAuth token do not match');
    const { key, bucket } = this.bucketFor(found.token, nowMs);
    const allowed = bucket.take(nowMs);
    const rateLimit = bucket.headers(nowMs);
    if (!allowed) return { ...helixError(429, 'Too Many Requests'), rateLimit, bucket: key };
    try {
      const reply = route({
        endpoint,
        query: new HelixQuery(params),
        token: found.token,
        nowMs,
        ...this.settings,
        mediaBaseUrl: this.settings.mediaBaseUrl(),
      });
      return { ...reply, rateLimit, bucket: key };
    } catch (error) {
      if (error instanceof HelixBadRequest) return { ...helixError(400, error.message), rateLimit, bucket: key };
      if (error instanceof HelixNotFound) return { ...helixError(404, error.message), rateLimit, bucket: key };
      throw error;
    }
  }
}
