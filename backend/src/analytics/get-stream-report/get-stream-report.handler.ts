import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { readRows } from '../shared/read-rows.js';
import { STREAM_SESSION_COLUMNS, toStreamSession, type StreamSessionRow } from '../shared/stream-session.dto.js';
import { GetStreamReport } from './get-stream-report.query.js';
import { dto } from '../../dto.js';
import {
  GameSpanDto,
  StreamChangeDto,
  StreamClipDto,
  StreamGameDto,
  StreamReportResponse,
  StreamSampleDto,
  StreamVodDto,
} from './get-stream-report.response.js';
import { gameSpans, streamChanges, type SamplePoint } from './stream-changes.js';

const SESSION_SQL = `
  SELECT channel_id, ${STREAM_SESSION_COLUMNS}, last_sampled_at
    FROM stream_sessions WHERE stream_id = $1 AND channel_id = ANY ($2::text[])
   LIMIT 1`;

/** The samples with the game's name filled from the games table where the sample had none. */
const SAMPLES_SQL = `
  SELECT s.sampled_at, s.viewers, s.game_id, coalesce(s.game_name, g.name) AS game_name, s.title
    FROM stream_samples s LEFT JOIN games g ON g.game_id = s.game_id
   WHERE s.channel_id = $1 AND s.stream_id = $2
   ORDER BY s.sampled_at`;

/** Clips made between the stream's start and its end. */
const CLIPS_SQL = `
  SELECT video_id AS id, title, created_at AS "createdAt", views::float8 AS views
    FROM video_analytics
   WHERE channel_id = $1 AND kind = 'clip' AND created_at >= $2 AND created_at <= $3
   ORDER BY views DESC, created_at, video_id`;

/** Twitch creates a stream's archive as the stream starts: the archive created closest to the start, within 10 minutes. */
const VOD_SQL = `
  SELECT video_id AS id, title, created_at AS "createdAt", views::float8 AS views, duration_seconds AS "durationSeconds"
    FROM video_analytics
   WHERE channel_id = $1 AND kind = 'archive'
     AND created_at BETWEEN $2::timestamptz - interval '10 minutes' AND $2::timestamptz + interval '10 minutes'
   ORDER BY abs(extract(epoch FROM created_at - $2::timestamptz)), video_id
   LIMIT 1`;

interface SessionRow extends StreamSessionRow {
  channel_id: string;
  last_sampled_at: Date | null;
}

interface SampleRow {
  sampled_at: Date;
  viewers: number;
  game_id: string;
  game_name: string | null;
  title: string | null;
}

type Dated<T> = Omit<T, 'createdAt'> & { createdAt: Date };

@QueryHandler(GetStreamReport)
export class GetStreamReportHandler implements IQueryHandler<GetStreamReport> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetStreamReport): Promise<StreamReportResponse> {
    const owned = await this.channels.ownedIds(query.userId);
    const [session] = await readRows<SessionRow>(this.pool, SESSION_SQL, [query.streamId, owned]);
    if (!session) throw new NotFoundException(`Stream ${query.streamId} not found among your channels' streams`);
    const channel = await this.channels.resolve(query.userId, session.channel_id);
    const start = session.started_at;
    const end = session.ended_at ?? session.last_sampled_at ?? start;
    const [samples, clips, vods] = await Promise.all([
      readRows<SampleRow>(this.pool, SAMPLES_SQL, [channel.id, query.streamId]),
      readRows<Dated<StreamClipDto>>(this.pool, CLIPS_SQL, [channel.id, start, end]),
      readRows<Dated<StreamVodDto>>(this.pool, VOD_SQL, [channel.id, start]),
    ]);
    const points: SamplePoint[] = samples.map((s) => ({
      at: s.sampled_at.toISOString(),
      viewers: s.viewers,
      gameId: s.game_id,
      gameName: s.game_name,
      title: s.title,
    }));
    const vod = vods[0];
    return dto(StreamReportResponse, {
      channel,
      stream: toStreamSession(session),
      live: session.ended_at === null,
      samples: points.map((p) => dto(StreamSampleDto, p)),
      changes: streamChanges(points).map((c) => dto(StreamChangeDto, c)),
      gameSpans: gameSpans(points, start.toISOString(), end.toISOString()).map((s) => dto(GameSpanDto, s)),
      games: perGame(session.games),
      clips: clips.map((c) => dto(StreamClipDto, { ...c, createdAt: c.createdAt.toISOString() })),
      vod: vod ? dto(StreamVodDto, { ...vod, createdAt: vod.createdAt.toISOString() }) : null,
    });
  }
}

/** stream_sessions.games (with names filled in): time and viewer-hours per game, in order of appearance. */
function perGame(games: unknown): StreamGameDto[] {
  if (!Array.isArray(games)) return [];
  return games.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const g = entry as { game_id?: unknown; game_name?: unknown; hours?: unknown; hours_watched?: unknown };
    return [
      dto(StreamGameDto, {
        gameId: typeof g.game_id === 'string' ? g.game_id : '',
        gameName: typeof g.game_name === 'string' ? g.game_name : null,
        hoursStreamed: typeof g.hours === 'number' ? g.hours : 0,
        hoursWatched: typeof g.hours_watched === 'number' ? g.hours_watched : 0,
      }),
    ];
  });
}
