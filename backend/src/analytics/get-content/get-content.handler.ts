import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { viewsGained, type ViewCount } from '@creatorsync/projections';
import { PG_POOL } from '../../database/create-pool.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { GainWindow } from '../analytics-query.dto.js';
import { ChannelAccess } from '../channel-access.js';
import { GetContent } from './get-content.query.js';
import { readRows } from '../shared/read-rows.js';
import {
  ClipGrowthDto,
  ContentItemDto,
  ContentResponse,
  ContentTypeDto,
  type GamePerformanceDto,
} from './get-content.response.js';
import { dto } from '../../dto.js';

const WINDOW_DAYS: Record<GainWindow, number> = { '1d': 1, '7d': 7, '30d': 30 };
/** The periods of the clip long tail's growth. */
const CLIP_GROWTH_DAYS = [7, 30, 90] as const;

/** Every video and clip of the channel with what viewsGained needs; gains are computed as of today. */
const VIDEOS_SQL = `
  SELECT v.kind, v.video_id AS id, v.title, v.game_id AS "gameId", g.name AS "gameName",
         to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
         to_char(v.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstSeenAt",
         v.views::float8 AS views, v.first_views::float8 AS "firstViews", v.view_history AS "viewHistory"
    FROM video_analytics v LEFT JOIN games g ON g.game_id = v.game_id
   WHERE v.channel_id = $1`;

interface VideoRead {
  kind: string;
  id: string;
  title: string | null;
  gameId: string | null;
  gameName: string | null;
  createdAt: string;
  firstSeenAt: string;
  views: number;
  firstViews: number | null;
  viewHistory: ViewCount[];
}

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
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetContent): Promise<ContentResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const [videos, games] = await Promise.all([
      readRows<VideoRead>(this.pool, VIDEOS_SQL, [channel.id]),
      readRows<GamePerformanceDto>(this.pool, GAMES_SQL, [channel.id]),
    ]);
    const today = this.clock.now().toISOString().slice(0, 10);
    const gainOver = (v: VideoRead, days: number) =>
      viewsGained(
        {
          created_at: v.createdAt,
          views: v.views,
          view_history: v.viewHistory,
          first_seen_at: v.firstSeenAt,
          first_views: v.firstViews,
        },
        today,
        days,
      );
    const items = videos.map((v) => {
      const { gained, estimated } = gainOver(v, WINDOW_DAYS[query.window]);
      return dto(ContentItemDto, {
        id: v.id,
        kind: v.kind,
        title: v.title,
        gameId: v.gameId,
        gameName: v.gameName,
        createdAt: v.createdAt,
        views: v.views,
        viewsGained: gained,
        viewsGainedEstimated: estimated,
      });
    });
    const kinds = [...new Set(items.map((i) => i.kind))].sort();
    const types = kinds.map((kind) => {
      const ofKind = items.filter((i) => i.kind === kind);
      const byViews = [...ofKind].sort((a, b) => b.views - a.views || a.id.localeCompare(b.id));
      const byGained = [...ofKind].sort(
        (a, b) =>
          (b.viewsGained ?? -Infinity) - (a.viewsGained ?? -Infinity) || b.views - a.views || a.id.localeCompare(b.id),
      );
      return dto(ContentTypeDto, {
        kind,
        count: ofKind.length,
        totalViews: ofKind.reduce((sum, i) => sum + i.views, 0),
        totalViewsGained: ofKind.reduce((sum, i) => sum + (i.viewsGained ?? 0), 0),
        topByViews: byViews.slice(0, query.limit),
        topByViewsGained: byGained.slice(0, query.limit),
      });
    });
    const clips = videos.filter((v) => v.kind === 'clip');
    const clipGrowth = CLIP_GROWTH_DAYS.map((days) => {
      const gains = clips.map((c) => gainOver(c, days));
      return dto(ClipGrowthDto, {
        days,
        viewsGained: gains.reduce((sum, g) => sum + (g.gained ?? 0), 0),
        clipsGaining: gains.filter((g) => (g.gained ?? 0) > 0).length,
        clipsUnknown: gains.filter((g) => g.gained === null).length,
      });
    });
    return dto(ContentResponse, {
      channel,
      window: query.window,
      types,
      clipGrowth,
      games,
    });
  }
}
