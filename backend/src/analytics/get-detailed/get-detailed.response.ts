/** GET /api/analytics/detailed: everything about one window of days, with stream sessions paged. */
import { ApiProperty } from '@nestjs/swagger';
import { TopGamePoint, VideoPerformancePoint } from '../get-charts/get-charts.response.js';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import { StreamSessionDto } from '../shared/stream-session.dto.js';

export class DailyRowDto {
  @ApiProperty({ example: '2026-11-24' })
  day!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Follower total: the day's last fetch (carried forward from the last fetch on a day without one); null before the first fetch",
  })
  followers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Followers − the previous day's followers (can be negative); 0 on a carried-forward day; null on the first day",
  })
  followersGained!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Subscriber total at the day's last subscriptions fetch (carried forward); null when subscriptions were never read",
  })
  subscribers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Subscriber points (Tier 1 = 1, Tier 2 = 2, Tier 3 = 6) at the day's last subscriptions fetch; null when never read",
  })
  subscriberPoints!: number | null;

  @ApiProperty({ description: 'Streams that started that UTC day' })
  streams!: number;

  @ApiProperty({
    description: 'Hours live that UTC day: airtime from stream start to last live sample, cut at midnight UTC',
  })
  hoursStreamed!: number;

  @ApiProperty({
    description:
      'Σ viewers × Δt between live samples that UTC day, in viewer-hours (the curve between samples is linear)',
  })
  hoursWatched!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Hours watched ÷ hours streamed that UTC day (time-weighted average audience); null on a day without airtime',
  })
  averageViewers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Highest viewer count sampled that UTC day; null on a day without samples',
  })
  peakViewers!: number | null;

  @ApiProperty({ description: 'Videos (archives, highlights, uploads) created that UTC day (counted when first seen)' })
  videosPublished!: number;

  @ApiProperty({ description: 'Clips created that UTC day (counted when first seen)' })
  clipsPublished!: number;

  @ApiProperty({ description: 'True when no collection ran that day and the last known totals were carried forward' })
  carriedForward!: boolean;
}

export class PeriodSummaryDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Last known follower total in the window' })
  followers!: number | null;

  @ApiProperty({ description: "Sum of the days' follower gains" })
  followersGained!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Last known subscriber total in the window; null when subscriptions were never read',
  })
  subscribers!: number | null;

  @ApiProperty({ description: 'Streams started in the window' })
  streams!: number;

  @ApiProperty({ description: 'Hours live in the window (airtime from stream start to last live sample)' })
  hoursStreamed!: number;

  @ApiProperty({ description: 'Σ viewers × Δt between live samples in the window, in viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Hours watched ÷ hours streamed' })
  averageViewers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Highest viewer count sampled in the window; null without samples',
  })
  peakViewers!: number | null;

  @ApiProperty({ description: 'Videos (archives, highlights, uploads) created in the window' })
  videosPublished!: number;

  @ApiProperty({ description: 'Clips created in the window' })
  clipsPublished!: number;
}

export class StreamSessionPage {
  @ApiProperty({ description: "This page's number, from 1" })
  page!: number;

  @ApiProperty({ description: 'Sessions per page' })
  pageSize!: number;

  @ApiProperty({ description: 'Sessions that started in the window' })
  total!: number;

  @ApiProperty({ description: 'Pages in all (0 without sessions)' })
  totalPages!: number;

  @ApiProperty({ type: [StreamSessionDto], description: 'Newest first' })
  items!: StreamSessionDto[];
}

export class DetailedResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ description: 'Length of the window in UTC days, both ends included' })
  days!: number;

  @ApiProperty({ description: 'First day of the window (YYYY-MM-DD, UTC)' })
  from!: string;

  @ApiProperty({ description: "Last day of the window (YYYY-MM-DD, UTC): today, or the custom range's `to`" })
  to!: string;

  @ApiProperty({ type: PeriodSummaryDto })
  summary!: PeriodSummaryDto;

  @ApiProperty({ type: [DailyRowDto], description: 'Oldest first' })
  daily!: DailyRowDto[];

  @ApiProperty({ type: StreamSessionPage })
  streams!: StreamSessionPage;

  @ApiProperty({
    type: [VideoPerformancePoint],
    description: 'Videos (not clips) created in the window, newest first, at most 100',
  })
  videos!: VideoPerformancePoint[];

  @ApiProperty({
    type: [TopGamePoint],
    description: 'Top 10 games by hours watched in streams that started in the window',
  })
  games!: TopGamePoint[];
}
