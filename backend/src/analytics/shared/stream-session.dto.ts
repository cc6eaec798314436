/** A stream session as the API shows it (detailed and export). */
import { ApiProperty } from '@nestjs/swagger';
import { dto } from '../../dto.js';
import { streamCategories } from './stream-categories.js';

export class StreamCategoryDto {
  @ApiProperty({ type: String, nullable: true, description: 'Twitch game (category) id' })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
}

export class StreamSessionDto {
  @ApiProperty({ description: 'Twitch stream id' })
  id!: string;

  @ApiProperty({ description: 'ISO timestamp' })
  startedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'ISO timestamp; null while live' })
  endedAt!: string | null;

  @ApiProperty({
    description:
      "From Twitch's started_at to the last sample that saw it live (its end; while live, the latest sample), in hours",
  })
  durationHours!: number;

  @ApiProperty({ description: 'Hours watched ÷ duration: the time-weighted average audience' })
  averageViewers!: number;

  @ApiProperty({ description: 'Highest viewer count sampled during the stream' })
  peakViewers!: number;

  @ApiProperty({ description: 'Σ viewers × Δt between live samples (linear between samples), in viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Last follower total observed during the stream − the last total known when its first sample was recorded (0 when observed unchanged); null when no total was observed during the stream',
  })
  followersGained!: number | null;

  @ApiProperty({ type: [String], description: 'Every title the stream had, in order' })
  titles!: string[];

  @ApiProperty({ type: [StreamCategoryDto], description: 'Every category (game) the stream was in, in order' })
  categories!: StreamCategoryDto[];
}

/**
 * The session's games with each name filled from the games table where the sample had none
 * (Helix leaves game_name empty at times; GameMetadataFetched knows it), in their order.
 */
export const SESSION_GAMES_NAMED = `(
  SELECT coalesce(jsonb_agg(e.g || jsonb_build_object('game_name', coalesce(e.g->>'game_name', games.name)) ORDER BY e.ord), '[]'::jsonb)
    FROM jsonb_array_elements(stream_sessions.games) WITH ORDINALITY AS e(g, ord)
    LEFT JOIN games ON games.game_id = e.g->>'game_id')`;

export const STREAM_SESSION_COLUMNS = `stream_id, started_at, ended_at, duration_hours, avg_viewers, peak_viewers, hours_watched,
  followers_gained::float8 AS followers_gained, titles, ${SESSION_GAMES_NAMED} AS games`;

/** A stream_sessions row as STREAM_SESSION_COLUMNS selects it. */
export interface StreamSessionRow {
  stream_id: string;
  started_at: Date;
  ended_at: Date | null;
  duration_hours: number;
  avg_viewers: number;
  peak_viewers: number;
  hours_watched: number;
  followers_gained: number | null;
  titles: string[] | null;
  games: unknown;
}

export function toStreamSession(row: StreamSessionRow): StreamSessionDto {
  return dto(StreamSessionDto, {
    id: row.stream_id,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    durationHours: row.duration_hours,
    averageViewers: row.avg_viewers,
    peakViewers: row.peak_viewers,
    hoursWatched: row.hours_watched,
    followersGained: row.followers_gained,
    titles: row.titles ?? [],
    categories: streamCategories(row.games).map((c) => dto(StreamCategoryDto, c)),
  });
}
