/** GET /api/analytics/overview: the metric cards. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import type { Trend } from '../shared/metric-change.js';

const TRENDS = ['up', 'down', 'flat'];

/** A level (a total at a point in time): its latest value and how it moved over 7 and 30 days. */
export class LevelMetricDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Latest known value (null before the first collection)' })
  current!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Change against the last value known 7 days before; null without that history',
  })
  change7d!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Change against the last value known 30 days before' })
  change30d!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'change7d in percent of the earlier value, two decimals' })
  changePct7d!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  changePct30d!: number | null;

  @ApiProperty({ enum: TRENDS, description: 'Direction of change7d' })
  trend!: Trend;
}

/** A flow (summed or averaged over a period): this period against the one before it. */
export class PeriodMetricDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Value over the last `periodDays` days up to asOf' })
  current!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Value over the `periodDays` days before that' })
  previous!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  change!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'change in percent of previous, two decimals; null when previous is 0 or unknown',
  })
  changePct!: number | null;

  @ApiProperty({ enum: TRENDS })
  trend!: Trend;
}

export class OverviewResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last day with data (YYYY-MM-DD, UTC); null before the first collection',
  })
  asOf!: string | null;

  @ApiProperty({ description: 'Length of the compared periods for the flow metrics, in days', example: 30 })
  periodDays!: number;

  @ApiProperty({ type: LevelMetricDto })
  followers!: LevelMetricDto;

  @ApiProperty({ type: LevelMetricDto, description: 'Null values when subscriptions cannot be read for the channel' })
  subscribers!: LevelMetricDto;

  @ApiProperty({
    type: PeriodMetricDto,
    description: 'Hours watched ÷ hours streamed: the average audience while live',
  })
  averageViewers!: PeriodMetricDto;

  @ApiProperty({ type: PeriodMetricDto })
  hoursStreamed!: PeriodMetricDto;

  @ApiProperty({ type: PeriodMetricDto, description: 'Streams started' })
  streams!: PeriodMetricDto;
}
