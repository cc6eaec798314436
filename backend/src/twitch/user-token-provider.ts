/**
 * User access tokens for Helix calls made on a user's behalf (subscriptions, the follower list).
 * Loaded from the store, validated at first use and hourly, refreshed ahead of expiry and on 401,
 * each new pair saved. When refreshing is impossible the grant is gone: the store is told the
 * user must re-authorise and callers get TokenRevokedError instead of endless failures.
 */
import type { Clock } from '../clock.js';
import { OAuthError, TokenRevokedError } from './errors.js';
import type { Logger } from './logger.js';
import type { TwitchOAuthClient, UserTokens } from './oauth-client.js';
import type { UserTokenStore } from './user-token-store.js';
import { must } from '../must.js';

const VALIDATE_EVERY_MS = 60 * 60_000;
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

interface CachedTokens {
  tokens: UserTokens;
  validatedAtMs: number;
}

export class UserTokenProvider {
  private readonly cache = new Map<string, CachedTokens>();
  /** One refresh at a time per user: a refresh token may be single-use. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly store: UserTokenStore,
    private readonly oauth: TwitchOAuthClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  accessToken(userId: string, endpoint: string): Promise<string> {
    const cached = this.cache.get(userId);
    const nowMs = this.clock.now().getTime();
    if (
      cached &&
      cached.tokens.expiresAt.getTime() - nowMs > REFRESH_BEFORE_EXPIRY_MS &&
      nowMs - cached.validatedAtMs < VALIDATE_EVERY_MS
    ) {
      return Promise.resolve(cached.tokens.accessToken);
    }
    return this.exclusive(userId, () => this.prepare(userId, endpoint));
  }

  /** Helix answered 401 to `rejected`: refresh, unless another caller already did. */
  handleUnauthorized(userId: string, rejected: string, endpoint: string): Promise<string> {
    return this.exclusive(userId, async () => {
      const cached = this.cache.get(userId);
      if (cached && cached.tokens.accessToken !== rejected) return cached.tokens.accessToken;
      const tokens = cached?.tokens ?? (await this.loadOrFail(userId, endpoint));
      return this.refresh(userId, tokens, endpoint, 'Helix answered 401');
    });
  }

  /** Completes the authorization-code flow: exchanges the code, learns whose token it is, stores it. */
  async connect(code: string, redirectUri: string): Promise<{ userId: string; login?: string; scopes: string[] }> {
    const tokens = await this.oauth.exchangeCode(code, redirectUri);
    const owner = await this.oauth.validate(tokens.accessToken);
    if (!owner?.userId) throw new OAuthError('oauth2/validate', 401, 'a freshly issued user token did not validate');
    await this.store.save(owner.userId, tokens);
    this.cache.set(owner.userId, { tokens, validatedAtMs: this.clock.now().getTime() });
    this.logger.info({ userId: owner.userId, scopes: owner.scopes }, 'connected a Twitch account');
    return { userId: owner.userId, login: owner.login, scopes: owner.scopes };
  }

  /** The grant was removed (disconnect): drop the cached copy so this process stops using it at once. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /** Validates every cached user token now (for an hourly schedule); returns the users whose grant is gone. */
  async validateAll(): Promise<string[]> {
    const lost: string[] = [];
    for (const userId of [...this.cache.keys()]) {
      must(this.cache.get(userId), 'this.cache.get(userId)').validatedAtMs = -Infinity;
      await this.accessToken(userId, 'oauth2/validate').catch((error: unknown) => {
        if (error instanceof TokenRevokedError) lost.push(userId);
        else throw error;
      });
    }
    return lost;
  }

  private exclusive(userId: string, work: () => Promise<string>): Promise<string> {
    const running = this.pending.get(userId);
    if (running) return running;
    const promise = work().finally(() => this.pending.delete(userId));
    this.pending.set(userId, promise);
    return promise;
  }

  private async prepare(userId: string, endpoint: string): Promise<string> {
    const tokens = this.cache.get(userId)?.tokens ?? (await this.loadOrFail(userId, endpoint));
    if (tokens.expiresAt.getTime() - this.clock.now().getTime() <= REFRESH_BEFORE_EXPIRY_MS) {
      return this.refresh(userId, tokens, endpoint, 'token near expiry');
    }
    if ((await this.oauth.validate(tokens.accessToken)) === null) {
      return this.refresh(userId, tokens, endpoint, 'validation failed');
    }
    this.cache.set(userId, { tokens, validatedAtMs: this.clock.now().getTime() });
    return tokens.accessToken;
  }

  private async loadOrFail(userId: string, endpoint: string): Promise<UserTokens> {
    const tokens = await this.store.load(userId);
    if (!tokens) throw new TokenRevokedError(endpoint, userId, 'no stored Twitch authorisation');
    return tokens;
  }

  private async refresh(userId: string, tokens: UserTokens, endpoint: string, why: string): Promise<string> {
    let fresh: UserTokens;
    try {
      fresh = await this.oauth.refresh(tokens.refreshToken);
    } catch (error) {
      if (!(error instanceof OAuthError) || !error.grantRejected) throw error;
      this.cache.delete(userId);
      const reason = `refresh refused after ${why}: ${error.message}`;
      await this.store.markNeedsReauth(userId, reason);
      this.logger.warn({ userId, endpoint }, 'Twitch authorisation revoked; user must reconnect');
      throw new TokenRevokedError(endpoint, userId, reason);
    }
    await this.store.save(userId, fresh);
    this.cache.set(userId, { tokens: fresh, validatedAtMs: this.clock.now().getTime() });
    this.logger.info(
      { userId, reason: why, expiresAt: fresh.expiresAt.toISOString() },
      'refreshed a Twitch user token',
    );
    return fresh.accessToken;
  }
}
