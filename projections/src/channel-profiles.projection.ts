/**
 * channel_profiles: who each channel is, from its latest profile fetch.
 *
 *   ChannelProfileFetched → the row is replaced, unless a later fetch is already recorded.
 */
import { defineProjection, type TableSpec } from './projection.js';

export const channelProfilesTable = {
  name: 'channel_profiles',
  primaryKey: ['channel_id'],
  columns: {
    channel_id: 'text',
    login: 'text',
    display_name: 'text',
    profile_image_url: 'text',
    broadcaster_type: 'text',
    description: 'text',
    game_name: 'text',
    title: 'text',
    created_at: 'timestamptz',
    fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const channelProfiles = defineProjection({
  name: 'channel-profiles',
  version: 1,
  handles: ['ChannelProfileFetched'],
  tables: [channelProfilesTable],
  parallel: 'by-channel',

  rowsToLoad: (event) => [{ table: channelProfilesTable.name, key: { channel_id: event.data.broadcasterId } }],

  apply(event, rows) {
    // The one event this projection handles (see `handles`).
    const { broadcasterId, user, channel } = event.data;
    const existing = rows.get<{ fetched_at: string }>(channelProfilesTable.name, { channel_id: broadcasterId });
    if (existing && existing.fetched_at > event.metadata.fetchedAt) return;
    rows.put(channelProfilesTable.name, {
      channel_id: broadcasterId,
      login: user.login,
      display_name: user.display_name,
      profile_image_url: text(user.profile_image_url),
      broadcaster_type: text(user.broadcaster_type),
      description: text(user.description),
      game_name: text(channel?.game_name),
      title: text(channel?.title),
      created_at: text(user.created_at),
      fetched_at: event.metadata.fetchedAt,
    });
  },
});
