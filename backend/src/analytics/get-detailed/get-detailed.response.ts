/** GET /api/analytics/detailed: everything about one window of days, with stream sessions paged. */
import { ApiProperty } from '@nestjs/swagger';
import { TopGamePoint, VideoPerformancePoint } from '../get-charts/get-charts.response.js';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import { StreamSessionDto } from '../shared/stream-session.dto.js';

export class DailyRowDto {
  @ApiProperty({ example: '2026-11-24' })
  day!: string;

  @ApiProperty({ type: Number, nullable: true })
  followers!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  followersGained!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  subscribers!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  subscriberPoints!: number | null;

  @ApiProperty()
  streams!: number;

  @ApiProperty()
  hoursStreamed!: number;

  @ApiProperty()
  hoursWatched!: number;

  @ApiProperty({ type: Number, nullable: true })
  averageViewers!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  peakViewers!: number | null;

  @ApiProperty()
  videosPublished!: number;

  @ApiProperty()
  clipsPublished!: number;

  @ApiProperty({ description: 'True when no collection ran that day and the last known totals were carried forward' })
  carriedForward!: boolean;
}

export class PeriodSummaryDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Last known follower total in the window' })
  followers!: number | null;

  @ApiProperty({ description: "Sum of the days' follower gains" })
  followersGained!: number;

  @ApiProperty({ type: Number, nullable: true })
  subscribers!: number | null;

  @ApiProperty()
  streams!: number;

  @ApiProperty()
  hoursStreamed!: number;

  @ApiProperty()
  hoursWatched!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Hours watched ÷ hours streamed' })
  averageViewers!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  peakViewers!: number | null;

  @ApiProperty()
  videosPublished!: number;

  @ApiProperty()
  clipsPublished!: number;
}

export class StreamSessionPage {
  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ description: 'Sessions that started in the window' })
  total!: number;

  @ApiProperty()
  totalPages!: number;

  @ApiProperty({ type: [StreamSessionDto], description: 'Newest first' })
  items!: StreamSessionDto[];
}

export class DetailedResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty()
  days!: number;

  @ApiProperty()
  from!: string;

  @ApiProperty()
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
