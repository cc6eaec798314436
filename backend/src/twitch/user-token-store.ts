/**
 * Where user tokens live between runs. The client loads them, saves every refreshed pair (Twitch
 * may rotate the refresh token) and reports grants that are gone. Persisting them encrypted is the
 * application's job; the in-memory store serves tests and the embedded demo.
 */
import type { UserTokens } from './oauth-client.js';

export interface UserTokenStore {
  /** Undefined when the user never connected or must re-authorise. */
  load(userId: string): Promise<UserTokens | undefined>;
  save(userId: string, tokens: UserTokens): Promise<void>;
  /** The grant is revoked or unusable: show "reconnect Twitch" to the user instead of retrying. */
  markNeedsReauth(userId: string, reason: string): Promise<void>;
}

export class InMemoryUserTokenStore implements UserTokenStore {
  private readonly tokens = new Map<string, UserTokens>();
  private readonly reauthReasons = new Map<string, string>();

  load(userId: string): Promise<UserTokens | undefined> {
    return Promise.resolve(this.reauthReasons.has(userId) ? undefined : this.tokens.get(userId));
  }

  save(userId: string, tokens: UserTokens): Promise<void> {
    this.tokens.set(userId, tokens);
    this.reauthReasons.delete(userId);
    return Promise.resolve();
  }

  markNeedsReauth(userId: string, reason: string): Promise<void> {
    this.reauthReasons.set(userId, reason);
    return Promise.resolve();
  }

  needsReauth(userId: string): string | undefined {
    return this.reauthReasons.get(userId);
  }
}
