/**
 * Verifies session tokens with Clerk's own verifier: networkless with a JWT public key (Clerk's
 * `CLERK_JWT_KEY`, or the embedded default's local key), or with `CLERK_SECRET_KEY` (JWKS).
 * Expired, not-yet-valid, wrongly signed, `alg: none` and wrong-party tokens are all rejected.
 * A token that verified is remembered until its `exp`, so a session's later requests skip the
 * signature check (the most expensive part of a cheap query's request).
 */
import { verifyToken } from '@clerk/backend';
import { VerifiedTokenCache } from './verified-token-cache.js';

export interface AuthenticatedUser {
  userId: string;
  isAdmin: boolean;
}

export interface SessionVerifierSettings {
  jwtKey?: string;
  secretKey?: string;
  authorizedParties: string[];
  /** For tests of the cache's expiry; default Date.now (what verifyToken itself checks against). */
  now?: () => number;
}

export class InvalidSessionError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidSessionError';
  }
}

export class SessionVerifier {
  private readonly verified = new VerifiedTokenCache<AuthenticatedUser>();
  private readonly now: () => number;

  constructor(private readonly settings: SessionVerifierSettings) {
    this.now = settings.now ?? Date.now;
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const cached = this.verified.get(token, this.now());
    if (cached) return cached;
    let claims: Record<string, unknown>;
    try {
      claims = await verifyToken(token, {
        jwtKey: this.settings.jwtKey,
        secretKey: this.settings.secretKey,
        authorizedParties: this.settings.authorizedParties.length ? this.settings.authorizedParties : undefined,
        clockSkewInMs: 5000,
      });
    } catch (error) {
      throw new InvalidSessionError(describe(error));
    }
    const userId = claims.sub;
    if (typeof userId !== 'string' || userId === '') throw new InvalidSessionError('token has no subject');
    const user = Object.freeze({ userId, isAdmin: hasAdminRole(claims) });
    if (typeof claims.exp === 'number') this.verified.set(token, user, claims.exp * 1000, this.now());
    return user;
  }
}

/** An admin role claim: `role` or `metadata.role` (as set through Clerk's session token customisation). */
function hasAdminRole(claims: Record<string, unknown>): boolean {
  const metadata = claims.metadata as Record<string, unknown> | undefined;
  return claims.role === 'admin' || metadata?.role === 'admin';
}

function describe(error: unknown): string {
  const reason = (error as { reason?: string }).reason;
  const known: Record<string, string> = {
    'token-expired': 'token has expired',
    'token-not-active-yet': 'token is not valid yet',
    'token-invalid-signature': 'token signature is invalid',
    'token-invalid-algorithm': 'token algorithm is not accepted',
    'token-invalid-authorized-parties': 'token was issued for another application',
    'token-invalid': 'token is malformed',
  };
  return (reason && known[reason]) ?? 'token is invalid';
}
