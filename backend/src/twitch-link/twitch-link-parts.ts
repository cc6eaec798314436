/**
 * What the Twitch link needs beyond the shared infrastructure, built once at start: the encrypted
 * token store (also handed to the Helix client) and the key that signs OAuth states.
 */
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { EncryptedUserTokenStore } from './encrypted-user-token-store.js';
import { linkStateKey } from './link-state.js';
import { loadOrCreateTokenEncryptionKey } from './token-encryption-key.js';

export const TWITCH_LINK_PARTS = Symbol('TwitchLinkParts');

export interface TwitchLinkParts {
  tokenStore: EncryptedUserTokenStore;
  stateKey: Buffer;
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
  return { tokenStore, stateKey: linkStateKey(key) };
}
