/**
 * The per-channel part of a read-model answer's ETag: for each projection read, its active build
 * and where that build last changed the rows of each channel the query reads (the user's channels,
 * or the one `?channel=` selects) and the rows of no channel (channel ''; games, jobs). The
 * projector writes these positions with the rows (projector/channel-read-positions.ts), so a
 * channel's new events move only the tags of queries that read that channel.
 *
 * One indexed query per request (a prepared statement), read before the query runs: a tag is never
 * newer than the data sent with it. Not cached: the key would be the user, and requests of one user
 * rarely come together.
 *
 * The projections that say which channels a user has (account_channels) and what they are called
 * (channel_profiles) are left out here: analytics/channel-access.ts caches each user's channels by
 * those projections' version (read-model-version.ts), so the tag must take that same version, not
 * a fresher per-channel position (it would be newer than the channel list the answer is built from).
 */
import type pg from 'pg';
import { projectionsReading } from './reads-tables.decorator.js';

/** Projections whose version (not per-channel positions) goes into the tag: see above. */
export const CHANNEL_ACCESS_PROJECTIONS: ReadonlySet<string> = new Set(
  projectionsReading(['account_channels', 'channel_profiles']),
);

const SQL = `
  SELECT string_agg(b.name || ':' || b.build_id || ':' || c.channel_id || '@' || coalesce(p.position, '-'), ','
                    ORDER BY b.name, c.channel_id) AS v
    FROM projection_builds b
   CROSS JOIN (SELECT channel_id FROM account_channels WHERE user_id = $2 AND ($3::text IS NULL OR channel_id = $3)
               UNION ALL SELECT '') c
    LEFT JOIN channel_read_positions p ON p.build_id = b.build_id AND p.channel_id = c.channel_id
   WHERE b.active AND b.name = ANY($1)`;

export class ChannelPositions {
  constructor(private readonly pool: pg.Pool) {}

  /** `channel`: the one channel the query selects (undefined: all the user's channels). */
  async read(names: readonly string[], userId: string, channel: string | undefined): Promise<string> {
    if (names.length === 0) return '';
    try {
      // Prepared (parsed and planned once per pooled connection): planning was most of its cost.
      // Its one text column never changes, so a blue/green switch of the view it reads only re-plans it.
      const { rows } = await this.pool.query<{ v: string | null }>({
        name: 'etag_channel_positions',
        text: SQL,
        values: [names, userId, channel ?? null],
      });
      return rows[0]?.v ?? '';
    } catch (error) {
      // No account_channels view yet (its projection has no build): nobody has a channel, and every query reads empty.
      if ((error as { code?: string }).code === '42P01') return 'no channels';
      throw error;
    }
  }
}
