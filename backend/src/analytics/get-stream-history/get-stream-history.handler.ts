import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { utcDay } from '../shared/dates.js';
import { resolveDayRange } from '../shared/day-range.js';
import { readRows } from '../shared/read-rows.js';
import { streamCategories } from '../shared/stream-categories.js';
import { SESSION_GAMES_NAMED, StreamCategoryDto } from '../shared/stream-session.dto.js';
import { combineStreamSessions, type ObservedSession, type ReconstructedSession } from './combine-stream-sessions.js';
import { GetStreamHistory } from './get-stream-history.query.js';
import { PastStreamDto, StreamHistoryResponse } from './get-stream-history.response.js';
import { dto } from '../../dto.js';

/**
 * Observed sessions that started in the window ($2..$3, UTC days), and those up to two days before
 * it: a stream that began earlier can still overlap an archive in the window, and then it wins.
 */
const OBSERVED_SQL = `
  SELECT stream_id AS "streamId", started_at AS "startedAt", ended_at AS "endedAt", last_sampled_at AS "lastSampledAt",
         duration_hours AS "durationHours", avg_viewers AS "averageViewers", peak_viewers AS "peakViewers",
         hours_watched AS "hoursWatched", coalesce(titles, '{}') AS titles, ${SESSION_GAMES_NAMED} AS games
    FROM stream_sessions
   WHERE channel_id = $1 AND started_at >= ($2::timestamp - interval '2 days') AT TIME ZONE 'UTC'
     AND started_at < ($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'`;

const RECONSTRUCTED_SQL = `
  SELECT stream_id AS "streamId", video_id AS "videoId", started_at AS "startedAt", ended_at AS "endedAt",
         duration_seconds AS "durationSeconds", title
    FROM stream_sessions_reconstructed
   WHERE channel_id = $1 AND started_at >= $2::timestamp AT TIME ZONE 'UTC'
     AND started_at < ($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'`;

/** An observed session as OBSERVED_SQL reads it: its games as stored, named where the games table knows them. */
type ObservedRow = Omit<ObservedSession, 'categories'> & { games: unknown };

/** The window when the request names none: about as far back as Twitch keeps archives. */
const DEFAULT_DAYS = 90;

@QueryHandler(GetStreamHistory)
export class GetStreamHistoryHandler implements IQueryHandler<GetStreamHistory> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetStreamHistory): Promise<StreamHistoryResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const window = resolveDayRange(utcDay(this.clock.now()), query.range, DEFAULT_DAYS);
    const params = [channel.id, window.from, window.to];
    const [observed, reconstructed] = await Promise.all([
      readRows<ObservedRow>(this.pool, OBSERVED_SQL, params),
      readRows<ReconstructedSession>(this.pool, RECONSTRUCTED_SQL, params),
    ]);
    const fromMs = Date.parse(`${window.from}T00:00:00Z`);
    const streams = combineStreamSessions(
      observed.map(({ games, ...row }) => ({ ...row, categories: streamCategories(games) })),
      reconstructed,
    ).filter((s) => s.startedAt.getTime() >= fromMs);
    const offset = (query.page - 1) * query.pageSize;
    return dto(StreamHistoryResponse, {
      channel,
      days: window.days,
      from: window.from,
      to: window.to,
      observed: streams.filter((s) => !s.reconstructed).length,
      reconstructed: streams.filter((s) => s.reconstructed).length,
      page: query.page,
      pageSize: query.pageSize,
      total: streams.length,
      totalPages: Math.ceil(streams.length / query.pageSize),
      items: streams.slice(offset, offset + query.pageSize).map((s) =>
        dto(PastStreamDto, {
          ...s,
          startedAt: s.startedAt.toISOString(),
          endedAt: s.endedAt ? s.endedAt.toISOString() : null,
          categories: s.categories.map((c) => dto(StreamCategoryDto, c)),
        }),
      ),
    });
  }
}
