/**
 * Verifies session tokens with Clerk's own verifier: networkless with a JWT public key (Clerk's
 * `CLERK_JWT_KEY`, or the embedded default's local key), or with `CLERK_SECRET_KEY` (JWKS).
 * Expired, not-yet-valid, wrongly signed, `alg: none` and wrong-party tokens are all rejected.
 */
import { verifyToken } from '@clerk/backend';

export interface AuthenticatedUser {
  userId: string;
  isAdmin: boolean;
}

export interface SessionVerifierSettings {
  jwtKey?: string;
  secretKey?: string;
  authorizedParties: string[];
}

export class InvalidSessionError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidSessionError';
  }
}

export class SessionVerifier {
  constructor(private readonly settings: SessionVerifierSettings) {}

  async verify(token: string): Promise<AuthenticatedUser> {
    let claims: Record<string, unknown>;
    try {
      claims = (await verifyToken(token, {
        jwtKey: this.settings.jwtKey,
        secretKey: this.settings.secretKey,
        authorizedParties: this.settings.authorizedParties.length ? this.settings.authorizedParties : undefined,
        clockSkewInMs: 5000,
      })) as Record<string, unknown>;
    } catch (error) {
      throw new InvalidSessionError(describe(error));
    }
    const userId = claims.sub;
    if (typeof userId !== 'string' || userId === '') throw new InvalidSessionError('token has no subject');
    return { userId, isAdmin: hasAdminRole(claims) };
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
