import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../app/tokens.js';
import type { GainWindow } from '../analytics-query.dto.js';
import { ChannelAccess } from '../channel-access.js';
import { GetContent } from './get-content.query.js';
import { readRows } from '../shared/read-rows.js';
import type { ContentItemDto, ContentResponse, ContentTypeDto, GamePerformanceDto } from './get-content.response.js';

/** The gain column per window: a fixed list, so the column name in the SQL is never user text. */
const GAIN_COLUMN: Record<GainWindow, string> = {
  '1d': 'views_gained_1d',
  '7d': 'views_gained_7d',
  '30d': 'views_gained_30d',
};

const rankedSql = (gain: string) => `
  SELECT v.kind, v.video_id AS id, v.title, v.game_id AS "gameId", g.name AS "gameName", v.created_at AS "createdAt",
         v.views::float8 AS views, v.${gain}::float8 AS "viewsGained", r.by_views, r.by_gained
    FROM (SELECT video_id,
                 row_number() OVER (PARTITION BY kind ORDER BY views DESC, video_id) AS by_views,
                 row_number() OVER (PARTITION BY kind ORDER BY ${gain} DESC NULLS LAST, views DESC, video_id) AS by_gained
            FROM video_analytics WHERE channel_id = $1) r
    JOIN video_analytics v ON v.channel_id = $1 AND v.video_id = r.video_id
    LEFT JOIN games g ON g.game_id = v.game_id
   WHERE r.by_views <= $2 OR r.by_gained <= $2`;

const totalsSql = (gain: string) => `
  SELECT kind, count(*)::int AS count, sum(views)::float8 AS "totalViews", coalesce(sum(${gain}), 0)::float8 AS "totalViewsGained"
    FROM video_analytics WHERE channel_id = $1 GROUP BY kind ORDER BY kind`;

/** game_analytics (streams) joined with the channel's clips per game: a game may appear in either. */
const GAMES_SQL = `
  WITH clips AS (
    SELECT game_id, count(*)::int AS clips, sum(views)::float8 AS clip_views
      FROM video_analytics WHERE channel_id = $1 AND kind = 'clip' AND game_id IS NOT NULL GROUP BY game_id)
  SELECT coalesce(ga.game_id, clips.game_id) AS "gameId", coalesce(ga.game_name, g.name) AS "gameName",
         coalesce(ga.streams, 0) AS streams, coalesce(ga.hours_streamed, 0) AS "hoursStreamed",
         coalesce(ga.hours_watched, 0) AS "hoursWatched", ga.avg_viewers AS "averageViewers", ga.peak_viewers AS "peakViewers",
         coalesce(ga.followers_gained, 0)::float8 AS "followersGained", coalesce(ga.airtime_share, 0) AS "airtimeShare",
         coalesce(clips.clips, 0) AS clips, coalesce(clips.clip_views, 0) AS "clipViews"
    FROM (SELECT *, hours_streamed / nullif(sum(hours_streamed) OVER (), 0) AS airtime_share FROM game_analytics WHERE channel_id = $1) ga
    FULL JOIN clips ON clips.game_id = ga.game_id
    LEFT JOIN games g ON g.game_id = coalesce(ga.game_id, clips.game_id)
   ORDER BY "hoursWatched" DESC, "clipViews" DESC, "gameId"`;

@QueryHandler(GetContent)
export class GetContentHandler implements IQueryHandler<GetContent> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetContent): Promise<ContentResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const gain = GAIN_COLUMN[query.window];
    const [ranked, totals, games] = await Promise.all([
      readRows(this.pool, rankedSql(gain), [channel.id, query.limit]),
      readRows<ContentTypeDto>(this.pool, totalsSql(gain), [channel.id]),
      readRows(this.pool, GAMES_SQL, [channel.id]),
    ]);
    const types: ContentTypeDto[] = totals.map((t) => {
      const ofKind = ranked.filter((r) => r.kind === t.kind);
      const top = (rank: 'by_views' | 'by_gained') =>
        ofKind
          .filter((r) => Number(r[rank]) <= query.limit)
          .sort((a, b) => Number(a[rank]) - Number(b[rank]))
          .map(toItem);
      return { ...t, topByViews: top('by_views'), topByViewsGained: top('by_gained') };
    });
    return { channel, window: query.window, types, games: games as GamePerformanceDto[] };
  }
}

function toItem({ by_views: _v, by_gained: _g, ...item }: Record<string, any>): ContentItemDto {
  return item as ContentItemDto;
}
