/**
 * Faults on demand. Each injected fault applies to the next `count` matching requests (optionally
 * only those to one endpoint such as "/streams" or "/oauth2/token"), then disappears.
 */
import type { Clock } from '../../clock.js';
import type { SimTokenRegistry } from './sim-tokens.js';

export type SimFault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503; resetInSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  /** Never answers; the client's timeout has to give up. */
  | { kind: 'hang' }
  | { kind: 'connection-reset' }
  | { kind: 'malformed'; body: 'not-json' | 'wrong-shape' | 'truncated' }
  /** A paged list shifted while paging: half of the previous page comes back again. */
  | { kind: 'repeat-page' }
  /** A page with no items but a cursor, as Helix sometimes sends near the end of a list. */
  | { kind: 'empty-page' };

interface FaultRule {
  fault: SimFault;
  endpoint: string | undefined;
  remaining: number;
  skip: number;
}

export interface FaultTarget {
  count?: number;
  endpoint?: string;
  /** Matching requests to let through first (e.g. 1 = break the second page, not the first). */
  skip?: number;
}

type PageFaultKind = 'repeat-page' | 'empty-page';

export class SimFaults {
  private rules: FaultRule[] = [];
  private readonly bucketDrains: Array<() => void> = [];

  constructor(
    private readonly tokens: SimTokenRegistry,
    private readonly clock: Clock,
  ) {}

  inject(fault: SimFault, target: FaultTarget = {}): void {
    this.rules.push({ fault, endpoint: target.endpoint, remaining: target.count ?? 1, skip: target.skip ?? 0 });
  }

  rateLimitBurst(count: number, options: { endpoint?: string; resetInSeconds?: number } = {}): void {
    this.inject(
      { kind: 'status', status: 429, resetInSeconds: options.resetInSeconds ?? 3 },
      { count, endpoint: options.endpoint },
    );
  }

  serverErrors(count: number, status: 500 | 502 | 503 = 500, endpoint?: string): void {
    this.inject({ kind: 'status', status }, { count, endpoint });
  }

  slowResponses(count: number, delayMs: number, endpoint?: string): void {
    this.inject({ kind: 'slow', delayMs }, { count, endpoint });
  }

  timeouts(count: number, endpoint?: string): void {
    this.inject({ kind: 'hang' }, { count, endpoint });
  }

  connectionResets(count: number, endpoint?: string): void {
    this.inject({ kind: 'connection-reset' }, { count, endpoint });
  }

  malformedBodies(count: number, body: 'not-json' | 'wrong-shape' | 'truncated' = 'not-json', endpoint?: string): void {
    this.inject({ kind: 'malformed', body }, { count, endpoint });
  }

  repeatPages(count: number, endpoint?: string): void {
    this.inject({ kind: 'repeat-page' }, { count, endpoint });
  }

  emptyPages(count: number, endpoint?: string): void {
    this.inject({ kind: 'empty-page' }, { count, endpoint });
  }

  /** Uses up every bucket's points, as if another process on the same client id had. */
  drainRateLimitBuckets(): void {
    this.bucketDrains.forEach((drain) => drain());
  }

  /** Makes one access token expire now, before its announced lifetime. */
  expireToken(accessToken: string): void {
    this.tokens.expire(accessToken, this.clock.now().getTime());
  }

  revokeToken(accessToken: string): void {
    this.tokens.revokeAccessToken(accessToken);
  }

  /** The user disconnected the app: their access and refresh tokens all stop working. */
  revokeUser(userId: string): void {
    this.tokens.revokeUser(userId);
  }

  clear(): void {
    this.rules = [];
  }

  /** @internal The request-level fault for this endpoint, if any (page faults are taken separately). */
  takeRequestFault(endpoint: string): SimFault | undefined {
    return this.take(endpoint, (f) => f.kind !== 'repeat-page' && f.kind !== 'empty-page');
  }

  /** @internal Consulted only by paged routes, so a page fault waits for a request that has pages. */
  takePageFault(endpoint: string): PageFaultKind | undefined {
    const fault = this.take(endpoint, (f) => f.kind === 'repeat-page' || f.kind === 'empty-page');
    return fault?.kind === 'repeat-page' || fault?.kind === 'empty-page' ? fault.kind : undefined;
  }

  /** @internal */
  onDrain(drain: () => void): void {
    this.bucketDrains.push(drain);
  }

  private take(endpoint: string, accepts: (fault: SimFault) => boolean): SimFault | undefined {
    const rule = this.rules.find(
      (r) => r.remaining > 0 && accepts(r.fault) && (r.endpoint === undefined || r.endpoint === endpoint),
    );
    if (!rule) return undefined;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return undefined;
    }
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule.fault;
  }
}
