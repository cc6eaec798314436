/**
 * Media of a connected channel are fetched with the broadcaster's own token when one is stored.
 * Twitch limits user-token requests per client ID and user (TWITCH.md §2), so they draw on that
 * broadcaster's own 800/min bucket, otherwise nearly idle (one subscriptions request a day), and
 * leave the app bucket, which every channel shares, to the requests that need it. Without a
 * usable token (none stored, revoked, refused) the same request goes with the app token.
 */
import { HelixAuthError } from '../../twitch/errors.js';
import type { UserAuth } from '../../twitch/helix-client.js';

export async function withBroadcasterToken<T>(
  broadcasterId: string,
  connected: boolean,
  fetch: (as: UserAuth | undefined) => Promise<T>,
): Promise<T> {
  if (!connected) return fetch(undefined);
  try {
    // The token store is keyed by the broadcaster's Twitch id.
    return await fetch({ userId: broadcasterId });
  } catch (error) {
    // TokenRevokedError (no token, revoked) is a HelixAuthError too.
    if (error instanceof HelixAuthError) return fetch(undefined);
    throw error;
  }
}
