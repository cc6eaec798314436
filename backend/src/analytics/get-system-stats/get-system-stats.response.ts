/** GET /api/analytics/system (admin): the whole system at a glance. */
import { ApiProperty } from '@nestjs/swagger';
import { EventStoreHealthDto } from '../get-analytics-health/get-analytics-health.response.js';
import { ProjectionStatusDto } from '../shared/projection-status.dto.js';

export class ChannelCountsDto {
  @ApiProperty({ description: 'Channels with a recorded profile' })
  profiles!: number;

  @ApiProperty({ description: 'Channels linked to at least one account' })
  linked!: number;

  @ApiProperty({ description: 'Accounts with at least one linked channel' })
  accounts!: number;

  @ApiProperty({ description: 'Channels with daily analytics' })
  withDailyData!: number;
}

export class EventCountsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Events in the log; null when the log is in EventStoreDB' })
  total!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Events per type',
  })
  byType!: Record<string, number> | null;

  @ApiProperty({ type: String, nullable: true, description: 'Position of the newest event' })
  head!: string | null;
}

export class HelixEndpointUsageDto {
  @ApiProperty({ description: 'HTTP requests sent to this endpoint since the process started, retries included' })
  requests!: number;

  @ApiProperty({ description: 'Retries (after 5xx or network errors) since the process started' })
  retries!: number;

  @ApiProperty({ description: '429 answers from this endpoint since the process started' })
  rateLimited!: number;

  @ApiProperty({
    description: 'Requests to this endpoint that failed for good (after retries) since the process started',
  })
  failures!: number;
}

export class HelixBucketDto {
  @ApiProperty({ description: 'Requests the rate limiter let through' })
  granted!: number;

  @ApiProperty({ description: 'Total time requests waited for budget' })
  waitedMs!: number;

  @ApiProperty({ description: '429 answers this bucket received since the process started' })
  rateLimited!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Ratelimit-Limit last reported by Helix' })
  limit!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Ratelimit-Remaining last reported by Helix' })
  remaining!: number | null;
}

export class HelixUsageDto {
  @ApiProperty({ description: 'Requests sent since the process started, retries included' })
  totalRequests!: number;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HelixEndpointUsageDto' } })
  byEndpoint!: Record<string, HelixEndpointUsageDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HelixBucketDto' },
    description: 'Per rate-limit bucket: "app" or "user:<id>"',
  })
  buckets!: Record<string, HelixBucketDto>;
}

export class AdminJobDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ description: 'daily, trigger, refresh, backfill, …' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who asked for it; null for scheduled runs' })
  requestedBy!: string | null;
  @ApiProperty({ description: 'requested, running, completed or failed' }) status!: string;
  @ApiProperty({ description: 'Channels the job covers' }) channelsTotal!: number;
  @ApiProperty({ description: 'Channels collected so far' }) channelsOk!: number;
  @ApiProperty({ description: 'Channels that failed so far' }) channelsFailed!: number;
  @ApiProperty({ description: 'Helix requests the job made so far' }) requests!: number;
  @ApiProperty({ description: 'Events the job appended to the log so far' }) eventsWritten!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed' }) error!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}

export class HelixHourDto {
  @ApiProperty({ description: 'Start of the UTC hour (ISO 8601)' }) hour!: string;
  @ApiProperty({ description: 'Helix requests made by the jobs that started in this hour' }) requests!: number;
  @ApiProperty({ description: 'Jobs that started in this hour' }) jobs!: number;
}

export class SystemStatsResponse {
  @ApiProperty({ type: ChannelCountsDto })
  channels!: ChannelCountsDto;

  @ApiProperty({ type: EventCountsDto })
  events!: EventCountsDto;

  @ApiProperty({ type: EventStoreHealthDto })
  eventStore!: EventStoreHealthDto;

  @ApiProperty({ type: [ProjectionStatusDto] })
  projections!: ProjectionStatusDto[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Jobs per status' })
  jobsByStatus!: Record<string, number>;

  @ApiProperty({ type: HelixUsageDto })
  helix!: HelixUsageDto;

  @ApiProperty({
    type: [AdminJobDto],
    description: 'The newest collection runs of every user, newest first (at most 25)',
  })
  recentJobs!: AdminJobDto[];

  @ApiProperty({
    type: [HelixHourDto],
    description: 'Helix requests per UTC hour over the last 48 hours, oldest first, quiet hours as 0',
  })
  helixRequestsByHour!: HelixHourDto[];
}
