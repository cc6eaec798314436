/**
 * GET /api/analytics/jobs: the collection jobs that concern the caller — those they requested, and
 * scheduled or admin jobs that included one of their channels. Only the caller's own channels are
 * ever named; of a job someone else requested, only its overall progress and the caller's channels'
 * outcomes are shown (never its channel list, counts of other channels, or its error text).
 */
import { ApiProperty } from '@nestjs/swagger';

export const channelOutcomes = ['collected', 'failed', 'pending', 'not_collected'] as const;
export type ChannelOutcome = (typeof channelOutcomes)[number];

export class JobChannelDto {
  @ApiProperty({ description: 'One of your channels (broadcaster id)' })
  id!: string;

  @ApiProperty({
    enum: channelOutcomes,
    description: 'not_collected: the job failed as a whole before reporting this channel',
  })
  outcome!: ChannelOutcome;

  @ApiProperty({ type: String, nullable: true, description: 'Why collecting this channel failed' })
  error!: string | null;
}

export class JobCountsDto {
  @ApiProperty({ description: 'Channels the job covers' })
  channelsTotal!: number;

  @ApiProperty({ description: 'Channels collected successfully in this job' })
  channelsOk!: number;

  @ApiProperty({ description: 'Channels whose collection failed in this job' })
  channelsFailed!: number;

  @ApiProperty({ description: 'Helix requests the job made' })
  requests!: number;

  @ApiProperty({
    description: 'Events appended to the log by this job (facts unchanged since the last fetch are not recorded)',
  })
  eventsWritten!: number;
}

export class JobDto {
  @ApiProperty()
  jobId!: string;

  @ApiProperty({ description: 'daily | trigger | refresh | admin_daily | backfill | live_poll' })
  kind!: string;

  @ApiProperty({ description: 'As recorded by the job: requested, running, completed, failed' })
  status!: string;

  @ApiProperty({
    description: 'True when you requested the job; false for scheduled or admin jobs that included your channels',
  })
  requestedByYou!: boolean;

  @ApiProperty({ description: 'Channels of the whole job already processed, 0–100 (100 once finished)' })
  progressPct!: number;

  @ApiProperty({ type: [JobChannelDto], description: 'Your channels in the job and what happened to each' })
  channels!: JobChannelDto[];

  @ApiProperty({ type: JobCountsDto, nullable: true, description: 'Whole-job counts: only for jobs you requested' })
  counts!: JobCountsDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed: only for jobs you requested' })
  error!: string | null;

  @ApiProperty({ description: 'ISO timestamp' })
  requestedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;
}

export class JobsResponse {
  @ApiProperty({ type: [JobDto], description: 'Newest first' })
  jobs!: JobDto[];
}
