/** The simulator's OAuth state: issued tokens, refresh tokens and authorization codes. */
import { randomBytes } from 'node:crypto';

/** Twitch's documented examples: app tokens live ~58 days, user tokens ~4 hours. */
export const APP_TOKEN_LIFETIME_SECONDS = 5_011_271;
export const USER_TOKEN_LIFETIME_SECONDS = 14_124;

export interface IssuedToken {
  accessToken: string;
  kind: 'app' | 'user';
  clientId: string;
  userId?: string;
  scopes: string[];
  expiresAtMs: number;
  revoked: boolean;
  refreshToken?: string;
}

interface RefreshGrant {
  clientId: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

interface CodeGrant extends RefreshGrant {
  redirectUri: string;
  expiresAtMs: number;
}

export type TokenLookup = { ok: true; token: IssuedToken } | { ok: false; problem: 'unknown' | 'expired' | 'revoked' };

const randomToken = (): string =>
  randomBytes(20)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 30);

export class SimTokenRegistry {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, CodeGrant>();

  constructor(private readonly userTokenLifetimeSeconds = USER_TOKEN_LIFETIME_SECONDS) {}

  issueAppToken(clientId: string, nowMs: number): IssuedToken {
    return this.store({
      accessToken: randomToken(),
      kind: 'app',
      clientId,
      scopes: [],
      expiresAtMs: nowMs + APP_TOKEN_LIFETIME_SECONDS * 1000,
      revoked: false,
    });
  }

  issueCode(grant: Omit<CodeGrant, 'revoked' | 'expiresAtMs'>, nowMs: number): string {
    const code = randomToken();
    this.codes.set(code, { ...grant, revoked: false, expiresAtMs: nowMs + 10 * 60_000 });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string, nowMs: number): IssuedToken | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code); // codes are single-use
    if (!grant || grant.clientId !== clientId || grant.redirectUri !== redirectUri || grant.expiresAtMs < nowMs)
      return undefined;
    return this.issueUserToken(grant, nowMs);
  }

  refresh(refreshToken: string, clientId: string, nowMs: number): IssuedToken | undefined {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || grant.revoked || grant.clientId !== clientId) return undefined;
    // Rotate, as public clients must: the old refresh token stops working.
    this.refreshGrants.delete(refreshToken);
    return this.issueUserToken(grant, nowMs);
  }

  lookup(accessToken: string, nowMs: number): TokenLookup {
    const token = this.accessTokens.get(accessToken);
    if (!token) return { ok: false, problem: 'unknown' };
    if (token.revoked) return { ok: false, problem: 'revoked' };
    if (token.expiresAtMs <= nowMs) return { ok: false, problem: 'expired' };
    return { ok: true, token };
  }

  /** Ends one access token early (Twitch does this on password changes and the like). */
  expire(accessToken: string, nowMs: number): void {
    const token = this.accessTokens.get(accessToken);
    if (token) token.expiresAtMs = Math.min(token.expiresAtMs, nowMs);
  }

  revokeAccessToken(accessToken: string): boolean {
    const token = this.accessTokens.get(accessToken);
    if (!token || token.revoked) return false;
    token.revoked = true;
    return true;
  }

  /** The user disconnected the app: every access and refresh token of theirs stops working. */
  revokeUser(userId: string): void {
    for (const token of this.accessTokens.values()) if (token.userId === userId) token.revoked = true;
    for (const grant of this.refreshGrants.values()) if (grant.userId === userId) grant.revoked = true;
  }

  tokensOf(userId: string | undefined): IssuedToken[] {
    return [...this.accessTokens.values()].filter((t) => t.userId === userId);
  }

  private issueUserToken(grant: RefreshGrant, nowMs: number): IssuedToken {
    const refreshToken = randomToken();
    this.refreshGrants.set(refreshToken, { ...grant, revoked: false });
    return this.store({
      accessToken: randomToken(),
      kind: 'user',
      clientId: grant.clientId,
      userId: grant.userId,
      scopes: grant.scopes,
      expiresAtMs: nowMs + this.userTokenLifetimeSeconds * 1000,
      revoked: false,
      refreshToken,
    });
  }

  private store(token: IssuedToken): IssuedToken {
    this.accessTokens.set(token.accessToken, token);
    return token;
  }
}
