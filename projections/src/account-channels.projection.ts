/**
 * account_channels: which CreatorSync account owns which Twitch channels (scopes every query).
 *
 *   TwitchAccountLinked   → row for (user, channel) inserted or refreshed
 *   TwitchAccountUnlinked → row deleted
 *
 * A user's primary channel is the one linked first (the query side orders by linked_at).
 */
import { defineProjection, type TableSpec } from './projection.js';
import { assertNever } from './time.js';

export const accountChannelsTable = {
  name: 'account_channels',
  primaryKey: ['user_id', 'channel_id'],
  columns: {
    user_id: 'text',
    channel_id: 'text',
    login: 'text',
    display_name: 'text',
    scopes: 'text[]',
    linked_at: 'timestamptz',
  },
} as const satisfies TableSpec;

const TABLE = accountChannelsTable.name;

export const accountChannels = defineProjection({
  name: 'account-channels',
  version: 1,
  handles: ['TwitchAccountLinked', 'TwitchAccountUnlinked'],
  tables: [accountChannelsTable],

  rowsToLoad: (event) => [{ table: TABLE, key: { user_id: event.data.userId, channel_id: event.data.broadcasterId } }],

  apply(event, rows) {
    switch (event.type) {
      case 'TwitchAccountLinked': {
        const { userId, broadcasterId, login, displayName, scopes, linkedAt } = event.data;
        const existing = rows.get<{ linked_at: string }>(TABLE, { user_id: userId, channel_id: broadcasterId });
        rows.put(TABLE, {
          user_id: userId,
          channel_id: broadcasterId,
          login,
          display_name: displayName,
          scopes,
          // Re-linking (new scopes, refreshed consent) keeps the channel's place among the user's channels.
          linked_at: existing?.linked_at ?? new Date(linkedAt).toISOString(),
        });
        return;
      }
      case 'TwitchAccountUnlinked':
        rows.delete(TABLE, { user_id: event.data.userId, channel_id: event.data.broadcasterId });
        return;
      default:
        return assertNever(event);
    }
  },
});
