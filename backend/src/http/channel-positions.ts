/**
 * The per-channel part of a read-model answer's ETag: for each projection read, its active build
 * and where that build last changed the rows of each channel the query reads (the user's channels,
 * or the one `?channel=` selects) and the rows of no channel (channel ''; games, jobs). The
 * projector writes these positions with the rows (projector/channel-read-positions.ts), so a
 * channel's new events move only the tags of queries that read that channel.
 *
 * Read before the query runs (a tag is never newer than the data sent with it), from memory when
 * it can be: the positions as the projector's notices keep them (internal/channel-position-feed.ts),
 * the active builds read at most every 50 ms (internal/active-builds.ts), the user's channels as
 * analytics/channel-access.ts caches them for the answer itself. Otherwise (the feed not
 * listening, a build it does not know, a read-your-writes request) one indexed query, prepared.
 * Either way the same text for the same positions, so instances and restarts agree on tags.
 *
 * The projections that say which channels a user has (account_channels) and what they are called
 * (channel_profiles) are left out here: analytics/channel-access.ts caches each user's channels by
 * those projections' version (read-model-version.ts), so the tag must take that same version, not
 * a fresher per-channel position (it would be newer than the channel list the answer is built from).
 */
import type { OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { projectionsReading } from './reads-tables.decorator.js';
import { ActiveBuilds } from './internal/active-builds.js';
import type { ChannelPositionFeed } from './internal/channel-position-feed.js';

/** Projections whose version (not per-channel positions) goes into the tag: see above. */
export const CHANNEL_ACCESS_PROJECTIONS: ReadonlySet<string> = new Set(
  projectionsReading(['account_channels', 'channel_profiles']),
);

const SQL = `
  SELECT b.name, b.build_id, c.channel_id, p.position
    FROM projection_builds b
   CROSS JOIN (SELECT channel_id FROM account_channels WHERE user_id = $2 AND ($3::text IS NULL OR channel_id = $3)
               UNION ALL SELECT '') c
    LEFT JOIN channel_read_positions p ON p.build_id = b.build_id AND p.channel_id = c.channel_id
   WHERE b.active AND b.name = ANY($1)`;

interface PositionRow {
  name: string;
  build_id: number;
  channel_id: string;
  position: string | null;
}

/** The user's channel ids (analytics/channel-access.ts). */
export interface OwnedChannels {
  ownedIds(userId: string): Promise<string[]>;
}

export class ChannelPositions implements OnApplicationShutdown {
  private readonly activeBuilds: ActiveBuilds;

  constructor(
    private readonly pool: pg.Pool,
    private readonly fromMemory?: { feed: ChannelPositionFeed; channels: OwnedChannels },
  ) {
    this.activeBuilds = new ActiveBuilds(pool, (active) => fromMemory?.feed.memory()?.activeBuildsAre(active));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fromMemory?.feed.close();
  }

  /** `channel`: the one channel the query selects (undefined: all the user's channels). `fresh`: from the database. */
  async read(
    names: readonly string[],
    userId: string,
    channel: string | undefined,
    options: { fresh?: boolean } = {},
  ): Promise<string> {
    if (names.length === 0) return '';
    try {
      const remembered = options.fresh ? undefined : await this.readMemory(names, userId, channel);
      return positionsText(remembered ?? (await this.readDatabase(names, userId, channel)));
    } catch (error) {
      // No account_channels view yet (its projection has no build): nobody has a channel, and every query reads empty.
      if ((error as { code?: string }).code === '42P01') return 'no channels';
      throw error;
    }
  }

  /** The rows the query would return, from memory; undefined when memory does not know them all. */
  private async readMemory(
    names: readonly string[],
    userId: string,
    channel: string | undefined,
  ): Promise<PositionRow[] | undefined> {
    if (!this.fromMemory?.feed.memory()) return undefined;
    const [active, owned] = await Promise.all([this.activeBuilds.read(), this.fromMemory.channels.ownedIds(userId)]);
    // Looked up after the awaits: the connection may have been lost meanwhile.
    const memory = this.fromMemory.feed.memory();
    if (!memory) return undefined;
    const channels = ['', ...(channel === undefined ? owned : owned.filter((id) => id === channel))];
    const rows: PositionRow[] = [];
    for (const name of new Set(names)) {
      const buildId = active.get(name);
      if (buildId === undefined) continue;
      for (const channelId of channels) {
        const position = memory.positionOf(buildId, channelId);
        if (position === undefined) {
          // A build it does not know all of: read in the background, the database answers meanwhile.
          this.fromMemory.feed.reload(this.pool, buildId);
          return undefined;
        }
        rows.push({ name, build_id: buildId, channel_id: channelId, position });
      }
    }
    return rows;
  }

  private async readDatabase(names: readonly string[], userId: string, channel: string | undefined) {
    // Prepared (parsed and planned once per pooled connection): planning was most of its cost.
    // Its columns never change, so a blue/green switch of the view it reads only re-plans it.
    const { rows } = await this.pool.query<PositionRow>({
      name: 'etag_channel_positions_rows',
      text: SQL,
      values: [names, userId, channel ?? null],
    });
    return rows;
  }
}

/** `name:build:channel@position` (`-`: none yet) by projection, then channel, joined by commas. */
export function positionsText(rows: readonly PositionRow[]): string {
  const byKey = (row: PositionRow) => [row.name, row.channel_id] as const;
  return [...rows]
    .sort((a, b) => {
      const [an, ac] = byKey(a);
      const [bn, bc] = byKey(b);
      return an < bn ? -1 : an > bn ? 1 : ac < bc ? -1 : ac > bc ? 1 : 0;
    })
    .map((row) => `${row.name}:${row.build_id}:${row.channel_id}@${row.position ?? '-'}`)
    .join(',');
}
