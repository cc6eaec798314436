/**
 * Every query is scoped to the signed-in user's own channels. A channel the user does not own is
 * "not found" (404), never "forbidden": whether a channel exists is not disclosed.
 * `ChannelAccess.resolve` is the one place a request's `channel` parameter becomes a channel.
 *
 * A user's channels are remembered for the read model's version of the two tables they come from
 * (account_channels, channel_profiles): any link, unlink or profile change moves that version and
 * starts a new cache. This saves every query one round trip to PostgreSQL, which for a cheap
 * query was a third of its cost. The version is the one the ETags use (at most 50 ms old, see
 * http/read-model-version.ts), so an unlinked channel stays readable for at most that long.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/create-pool.js';
import { ReadModelVersions } from '../http/read-model-version.js';
import { projectionsReading } from '../http/reads-tables.decorator.js';
import { dto, type DtoFields } from '../dto.js';
import { ChannelRefDto } from './shared/channel-ref.dto.js';
import { readRows } from './shared/read-rows.js';

export type ChannelRef = ChannelRefDto;

const ACCESS_PROJECTIONS = projectionsReading(['account_channels', 'channel_profiles']);
/** Users remembered per version; past it the cache starts over (a user costs one query then). */
const MAX_USERS = 50_000;

const CHANNELS_SQL = `
  SELECT a.channel_id, coalesce(p.login, a.login) AS login, coalesce(p.display_name, a.display_name) AS display_name, p.profile_image_url
    FROM account_channels a LEFT JOIN channel_profiles p ON p.channel_id = a.channel_id
   WHERE a.user_id = $1
   ORDER BY a.linked_at, a.channel_id`;

@Injectable()
export class ChannelAccess {
  private cache: { version: string; byUser: Map<string, Promise<DtoFields<ChannelRef>[]>> } | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly versions: ReadModelVersions,
  ) {}

  /** The user's channel `channelId`, or without it the primary channel (the one linked first). */
  async resolve(userId: string, channelId?: string): Promise<ChannelRef> {
    const channels = await this.channelsOf(userId);
    const channel = channelId === undefined ? channels[0] : channels.find((c) => c.id === channelId);
    if (!channel) {
      throw new NotFoundException(
        channelId
          ? `Channel ${channelId} not found among your channels`
          : 'No Twitch channel is connected to your account yet',
      );
    }
    return channel;
  }

  /** Ids of all the user's channels, primary first (empty when none is linked). */
  async ownedIds(userId: string): Promise<string[]> {
    return (await this.channelsOf(userId)).map((c) => c.id);
  }

  private async channelsOf(userId: string): Promise<ChannelRef[]> {
    const version = await this.versions.read(ACCESS_PROJECTIONS);
    if (this.cache?.version !== version || this.cache.byUser.size >= MAX_USERS)
      this.cache = { version, byUser: new Map() };
    const byUser = this.cache.byUser;
    let channels = byUser.get(userId);
    if (!channels) {
      // Stored before the query starts, so what is stored under a version is never older than it.
      channels = readRows<ChannelRow>(this.pool, CHANNELS_SQL, [userId]).then((rows) => rows.map(toChannelRef));
      byUser.set(userId, channels);
      channels.catch(() => byUser.get(userId) === channels && byUser.delete(userId));
    }
    // A new instance each: callers put these objects in their answers.
    return (await channels).map((c) => dto(ChannelRefDto, c));
  }
}

interface ChannelRow {
  channel_id: string;
  login: string;
  display_name: string;
  profile_image_url: string | null;
}

function toChannelRef(row: ChannelRow): DtoFields<ChannelRef> {
  return {
    id: row.channel_id,
    login: row.login,
    displayName: row.display_name,
    profileImageUrl: row.profile_image_url,
  };
}
