/**
 * What the Twitch link needs beyond the shared infrastructure, built once at start: the encrypted
 * token store (also handed to the Helix client) and the key that signs OAuth states.
 */
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { EncryptedUserTokenStore } from './encrypted-user-token-store.js';
import { linkStateKey } from './link-state.js';

/** Where Twitch redirects the browser after the user's decision (the route in twitch-link.controller.ts). */
export const CALLBACK_PATH = '/api/twitch/callback';
import { loadOrCreateTokenEncryptionKey } from './token-encryption-key.js';

export const TWITCH_LINK_PARTS = Symbol('TwitchLinkParts');

export interface TwitchLinkParts {
  tokenStore: EncryptedUserTokenStore;
  stateKey: Buffer;
  /**
   * Where Twitch sends the browser back: TWITCH_REDIRECT_URI, or (simulator only) the callback on
   * the address this server listens on, known once it listens. Never from a request's Host header.
   */
  redirectUri(): string;
  /** Called once the server listens, with its own URL. */
  listeningAt(serverUrl: string): void;
}

export async function createTwitchLinkParts(
  pool: pg.Pool,
  config: AppConfig,
  logger: Logger,
): Promise<TwitchLinkParts> {
  let key = config.tokenEncryptionKey;
  if (!key) {
    key = await loadOrCreateTokenEncryptionKey(config.dataDir);
    if (config.twitch)
      logger.warn('TOKEN_ENCRYPTION_KEY is not set: Twitch tokens are encrypted with a key kept under DATA_DIR');
  }
  const tokenStore = new EncryptedUserTokenStore(pool, key);
  const stranded = await tokenStore.rowsWithOtherKeys();
  if (stranded > 0) {
    logger.error(
      { accounts: stranded, keyId: tokenStore.keyId },
      'stored Twitch tokens were encrypted with another key: set the original TOKEN_ENCRYPTION_KEY, or those users must reconnect Twitch',
    );
  }
  let ownCallback: string | undefined;
  return {
    tokenStore,
    stateKey: linkStateKey(key),
    redirectUri: () => {
      const uri = config.twitchRedirectUri ?? ownCallback;
      if (!uri) throw new Error('the redirect URI is asked for before the server listens');
      return uri;
    },
    listeningAt: (serverUrl) => {
      const url = new URL(serverUrl);
      // A wildcard address is no place to send a browser; the same machine is.
      if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
      ownCallback = `${url.origin}${CALLBACK_PATH}`;
    },
  };
}
