/**
 * The app access token (client credentials). It cannot be refreshed, so a new one is requested
 * when it nears expiry, when Helix answers 401, or when hourly validation finds it dead.
 */
import type { Clock } from '../clock.js';
import type { Logger } from './logger.js';
import type { AppToken, TwitchOAuthClient } from './oauth-client.js';

const VALIDATE_EVERY_MS = 60 * 60_000;
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export class AppTokenProvider {
  private current: (AppToken & { validatedAtMs: number }) | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly oauth: TwitchOAuthClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A usable token; concurrent callers share one request for a new one. */
  accessToken(): Promise<string> {
    const nowMs = this.clock.now().getTime();
    const token = this.current;
    if (
      token &&
      token.expiresAt.getTime() - nowMs > RENEW_BEFORE_EXPIRY_MS &&
      nowMs - token.validatedAtMs < VALIDATE_EVERY_MS
    ) {
      return Promise.resolve(token.accessToken);
    }
    this.pending ??= this.renewOrRevalidate().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Helix refused `rejected`; unless someone already replaced it, the next call gets a new one. */
  invalidate(rejected: string): void {
    if (this.current?.accessToken === rejected) this.current = undefined;
  }

  /**
   * Twitch requires validating every token hourly; call this from a schedule (accessToken also
   * does it lazily). Without a token yet, one is requested, which checks the credentials at start.
   * False means the token held was dead; it has been dropped and the next call gets a new one.
   */
  async validateNow(): Promise<boolean> {
    if (!this.current) return (await this.accessToken()) !== '';
    return this.validateHeld();
  }

  private async validateHeld(): Promise<boolean> {
    if (!this.current) return false;
    const valid = (await this.oauth.validate(this.current.accessToken)) !== null;
    if (valid) this.current.validatedAtMs = this.clock.now().getTime();
    else this.current = undefined;
    return valid;
  }

  private async renewOrRevalidate(): Promise<string> {
    const nowMs = this.clock.now().getTime();
    if (
      this.current &&
      this.current.expiresAt.getTime() - nowMs > RENEW_BEFORE_EXPIRY_MS &&
      (await this.validateHeld())
    ) {
      return this.current.accessToken;
    }
    const token = await this.oauth.requestAppToken();
    this.logger.info({ expiresAt: token.expiresAt.toISOString() }, 'obtained a Twitch app access token');
    // A token fresh from the token endpoint counts as validated at start.
    this.current = { ...token, validatedAtMs: this.clock.now().getTime() };
    return token.accessToken;
  }
}
