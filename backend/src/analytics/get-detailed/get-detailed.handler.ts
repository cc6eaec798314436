import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { ChannelAccess } from '../channel-access.js';
import { TOP_GAMES_SQL, VIDEO_PERFORMANCE_SQL } from '../get-charts/chart-series.sql.js';
import { utcDay } from '../shared/dates.js';
import { resolveDayRange } from '../shared/day-range.js';
import { readRows } from '../shared/read-rows.js';
import { STREAM_SESSION_COLUMNS, toStreamSession, type StreamSessionRow } from '../shared/stream-session.dto.js';
import type { TopGamePoint, VideoPerformancePoint } from '../get-charts/get-charts.response.js';
import { GetDetailed } from './get-detailed.query.js';
import { DetailedResponse, StreamSessionPage, type DailyRowDto } from './get-detailed.response.js';
import { dto } from '../../dto.js';
import { summarizeDays } from './summarize-days.js';

export const DAILY_ROWS_SQL = `
  SELECT day::text AS day, followers::float8 AS followers, followers_gained::float8 AS "followersGained",
         subscribers::float8 AS subscribers, subscriber_points::float8 AS "subscriberPoints", streams,
         hours_streamed AS "hoursStreamed", hours_watched AS "hoursWatched", avg_viewers AS "averageViewers",
         peak_viewers AS "peakViewers", videos_published AS "videosPublished", clips_published AS "clipsPublished",
         carried_forward AS "carriedForward"
    FROM channel_analytics
   WHERE channel_id = $1 AND day BETWEEN $2::date AND $3::date
   ORDER BY day`;

/** Sessions that started in the window (UTC days), newest first. */
const SESSIONS_WHERE = `channel_id = $1 AND started_at >= $2::timestamp AT TIME ZONE 'UTC' AND started_at < ($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'`;

/** The window when the request names none. */
const DEFAULT_DAYS = 30;

@QueryHandler(GetDetailed)
export class GetDetailedHandler implements IQueryHandler<GetDetailed> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetDetailed): Promise<DetailedResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const window = resolveDayRange(utcDay(this.clock.now()), query.range, DEFAULT_DAYS);
    const inWindow = [channel.id, window.from, window.to];
    const [daily, sessionCount, sessions, videos, games] = await Promise.all([
      readRows<DailyRowDto>(this.pool, DAILY_ROWS_SQL, inWindow),
      readRows<{ n: number }>(
        this.pool,
        `SELECT count(*)::int AS n FROM stream_sessions WHERE ${SESSIONS_WHERE}`,
        inWindow,
      ),
      readRows<StreamSessionRow>(
        this.pool,
        `SELECT ${STREAM_SESSION_COLUMNS} FROM stream_sessions WHERE ${SESSIONS_WHERE} ORDER BY started_at DESC, stream_id LIMIT $4 OFFSET $5`,
        [...inWindow, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      readRows<VideoPerformancePoint>(this.pool, VIDEO_PERFORMANCE_SQL, inWindow),
      readRows<TopGamePoint>(this.pool, TOP_GAMES_SQL, inWindow),
    ]);
    const total: number = sessionCount[0]?.n ?? 0;
    return dto(DetailedResponse, {
      channel,
      days: window.days,
      from: window.from,
      to: window.to,
      summary: summarizeDays(daily),
      daily,
      streams: dto(StreamSessionPage, {
        page: query.page,
        pageSize: query.pageSize,
        total,
        totalPages: Math.ceil(total / query.pageSize),
        items: sessions.map(toStreamSession),
      }),
      videos,
      games,
    });
  }
}
