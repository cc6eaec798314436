/**
 * Every query is scoped to the signed-in user's own channels. A channel the user does not own is
 * "not found" (404), never "forbidden": whether a channel exists is not disclosed.
 * `resolveChannel` is the one place a request's `channel` parameter becomes a channel: handlers,
 * and HTTP layers that need the channel before the handler runs (ETags), all call it.
 */
import { NotFoundException } from '@nestjs/common';
import type pg from 'pg';
import type { ChannelRefDto } from './shared/channel-ref.dto.js';

export type ChannelRef = ChannelRefDto;

/** The user's channel `channelId`, or without it the primary channel (the one linked first). */
export async function resolveChannel(pool: pg.Pool, userId: string, channelId?: string): Promise<ChannelRef> {
  const { rows } = await pool.query(
    `SELECT a.channel_id, coalesce(p.login, a.login) AS login, coalesce(p.display_name, a.display_name) AS display_name, p.profile_image_url
       FROM account_channels a LEFT JOIN channel_profiles p ON p.channel_id = a.channel_id
      WHERE a.user_id = $1 AND ($2::text IS NULL OR a.channel_id = $2)
      ORDER BY a.linked_at, a.channel_id
      LIMIT 1`,
    [userId, channelId ?? null],
  );
  const row = rows[0];
  if (!row) {
    throw new NotFoundException(channelId ? `Channel ${channelId} not found among your channels` : 'No Twitch channel is connected to your account yet');
  }
  return { id: row.channel_id, login: row.login, displayName: row.display_name, profileImageUrl: row.profile_image_url };
}

/** Ids of all the user's channels, primary first (empty when none is linked). */
export async function ownedChannelIds(pool: pg.Pool, userId: string): Promise<string[]> {
  const { rows } = await pool.query(`SELECT channel_id FROM account_channels WHERE user_id = $1 ORDER BY linked_at, channel_id`, [userId]);
  return rows.map((r) => r.channel_id);
}
