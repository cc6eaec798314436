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

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'change30d in percent of the value 30 days before, two decimals; null when that value is unknown or 0',
  })
  changePct30d!: number | null;

  @ApiProperty({ enum: TRENDS, description: 'Direction of change7d' })
  trend!: Trend;
}

export const subscriberUnavailableReasons = ['not-connected', 'no-scope', 'revoked'] as const;
export type SubscriberUnavailableReason = (typeof subscriberUnavailableReasons)[number];

/** Why the subscriber count cannot be read (the last collection's finding). */
export class SubscribersUnavailableDto {
  @ApiProperty({
    enum: subscriberUnavailableReasons,
    description:
      'not-connected: the broadcaster has not connected their Twitch account (no token); ' +
      'no-scope: the connection lacks channel:read:subscriptions; revoked: the grant was withdrawn on Twitch',
  })
  reason!: SubscriberUnavailableReason;

  @ApiProperty({ description: 'ISO timestamp: the first collection that found it unavailable for this reason' })
  since!: string;
}

/** The subscriber level, plus why it cannot be read when it cannot. */
export class SubscriberLevelDto extends LevelMetricDto {
  @ApiProperty({
    type: SubscribersUnavailableDto,
    nullable: true,
    description:
      'Set when the last collection could not read subscriptions: the values above are then the last ones ' +
      'read (null if never), not current. Null when subscriptions were read, or were never tried.',
  })
  unavailable!: SubscribersUnavailableDto | null;
}

/** A flow (summed or averaged over a period): this period against the one before it. */
export class PeriodMetricDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Value over the last `periodDays` days up to asOf' })
  current!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Value over the `periodDays` days before that' })
  previous!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'current − previous, two decimals; null when either is unknown',
  })
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

  @ApiProperty({
    type: SubscriberLevelDto,
    description: 'Subscriber count (Twitch subscriptions total); `unavailable` says why when it cannot be read',
  })
  subscribers!: SubscriberLevelDto;

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
