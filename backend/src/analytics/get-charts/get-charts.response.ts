/** GET /api/analytics/charts: the dashboard's chart series over a window of days: the last `days` days, or a custom from–to range (UTC). */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';

export class FollowerGrowthPoint {
  @ApiProperty({ example: '2026-11-24' })
  day!: string;

  @ApiProperty({
    description: 'Follower total of that UTC day (its last fetch, or carried forward); null before the first fetch',
  })
  followers!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Followers gained that day (negative when lost); null for the first day recorded',
  })
  gained!: number | null;
}

export class ReconstructedFollowersPoint {
  @ApiProperty({ example: '2026-09-14' })
  day!: string;

  @ApiProperty({
    description:
      "At least this many followers at the end of that UTC day: a backfill's reconstruction from the follower list (a lower bound), not an observed total",
  })
  followers!: number;

  @ApiProperty({ description: 'Always true: a reconstructed figure, never mixed into followerGrowth' })
  reconstructed!: true;
}

export class ViewershipPoint {
  @ApiProperty({ example: '2026-11-24' })
  day!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours watched ÷ hours streamed that day; null when not live',
  })
  averageViewers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Highest concurrent viewers sampled that day; null when not live',
  })
  peakViewers!: number | null;

  @ApiProperty({ description: 'Hours live that UTC day' })
  hoursStreamed!: number;

  @ApiProperty({ description: 'Σ viewers × Δt between live samples that UTC day, in viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({ description: 'Streams started that UTC day' })
  streams!: number;
}

export class StreamFrequencyPoint {
  @ApiProperty({ description: 'Monday of the week (ISO 8601 weeks, UTC)', example: '2026-11-23' })
  weekStart!: string;

  @ApiProperty({ description: 'Streams started that week (within the window)' })
  streams!: number;

  @ApiProperty({ description: 'Hours live in that week (airtime from stream start to last live sample)' })
  hoursStreamed!: number;
}

export class TopGamePoint {
  @ApiProperty()
  gameId!: string;

  @ApiProperty({ type: String, nullable: true })
  gameName!: string | null;

  @ApiProperty({ description: 'Σ viewers × Δt in this game within the range, in viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({ description: 'Hours live in this game within the range' })
  hoursStreamed!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours watched ÷ hours streamed in this game within the range',
  })
  averageViewers!: number | null;
}

export class VideoPerformancePoint {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'archive | highlight | upload' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ description: 'ISO timestamp' })
  createdAt!: string;

  @ApiProperty({ description: 'Twitch view count at the latest fetch' })
  views!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Views gained over the last 7 days; null until a week of history exists',
  })
  viewsGained7d!: number | null;
}

export class ChartsResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ description: 'Window length in days, both ends included' })
  days!: number;

  @ApiProperty({ description: 'First day of the window (YYYY-MM-DD, UTC)' })
  from!: string;

  @ApiProperty({ description: "Last day of the window (YYYY-MM-DD, UTC): today, or the custom range's `to`" })
  to!: string;

  @ApiProperty({ type: [FollowerGrowthPoint], description: 'Oldest first; only days with an observed follower total' })
  followerGrowth!: FollowerGrowthPoint[];

  @ApiProperty({
    type: [ReconstructedFollowersPoint],
    description:
      'Oldest first: follower totals a backfill reconstructed for days in the window before the first observed total (observed wins: from then on only followerGrowth); empty without a backfill',
  })
  followerGrowthReconstructed!: ReconstructedFollowersPoint[];

  @ApiProperty({ type: [ViewershipPoint], description: 'One point per recorded day, oldest first' })
  viewership!: ViewershipPoint[];

  @ApiProperty({
    type: [StreamFrequencyPoint],
    description: 'Every week overlapping the window, oldest first (weeks without streams count 0)',
  })
  streamFrequency!: StreamFrequencyPoint[];

  @ApiProperty({
    type: [TopGamePoint],
    description: 'Top 10 games by hours watched in streams that started in the window',
  })
  topGames!: TopGamePoint[];

  @ApiProperty({
    type: [VideoPerformancePoint],
    description: 'Videos (not clips) created in the window, newest first, at most 100',
  })
  videoPerformance!: VideoPerformancePoint[];
}
