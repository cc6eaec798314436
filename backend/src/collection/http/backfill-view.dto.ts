/** The OpenAPI description of the admin backfill answers (see backfill/backfill-view.ts for what they mean). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BackfillAcceptedDto {
  @ApiProperty({ example: 'backfill-20260210T200000Z-0a1b2c3d' })
  jobId!: string;

  @ApiProperty({ type: [String], description: 'The channels it backfills (all connected ones for "all")' })
  channels!: string[];

  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ enum: ['requested'] })
  status!: 'requested';
}

export class KindProgressDto {
  @ApiProperty({ description: 'Helix pages read for this kind so far' }) pages!: number;
  @ApiProperty({ description: 'Helix requests made for this kind so far' }) requests!: number;
  @ApiProperty({ description: 'Events appended for this kind so far' }) eventsWritten!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Requests still expected (an estimate)' })
  remainingRequests!: number | null;
  @ApiProperty() done!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Where a resumed run starts' })
  cursor!: string | null;
}

export class BackfillKindsProgressDto {
  @ApiPropertyOptional({ type: KindProgressDto }) followers?: KindProgressDto;
  @ApiPropertyOptional({ type: KindProgressDto }) videos?: KindProgressDto;
  @ApiPropertyOptional({ type: KindProgressDto }) clips?: KindProgressDto;
}

export class ChannelProgressDto {
  @ApiProperty() broadcasterId!: string;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'failed'] })
  status!: 'pending' | 'running' | 'done' | 'failed';
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: BackfillKindsProgressDto }) kinds!: BackfillKindsProgressDto;
}

export class EstimatedRequestsDto {
  @ApiProperty({ enum: ['followers', 'videos', 'clips'] }) kind!: string;
  @ApiProperty({ example: '/channels/followers' }) endpoint!: string;
  @ApiProperty({ description: 'Helix requests estimated for this kind (one per page of 100)' }) count!: number;
}

export class ChannelEstimateDto {
  @ApiProperty() broadcasterId!: string;
  @ApiProperty({ type: [EstimatedRequestsDto] }) requests!: EstimatedRequestsDto[];
}

export class BackfillEstimateDto {
  @ApiProperty({
    description: 'Helix requests the backfill is estimated to make in all (sum of estimatedRequests counts)',
  })
  totalRequests!: number;
  @ApiProperty({ description: 'At the current budget (requestsPerMinute)' }) estimatedSeconds!: number;
  @ApiProperty({
    description:
      'Helix requests per minute the backfill may spend: 90% of the app bucket limit as Twitch last reported it (800 points a minute by default)',
  })
  requestsPerMinute!: number;
  @ApiProperty({ type: [ChannelEstimateDto] }) byChannel!: ChannelEstimateDto[];
}

export class BackfillViewDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: ['requested', 'running', 'completed', 'failed', 'cancelled'] })
  status!: 'requested' | 'running' | 'completed' | 'failed' | 'cancelled';
  @ApiProperty({ example: '2025-01-01' }) from!: string;
  @ApiProperty({ example: '2025-12-31' }) to!: string;
  @ApiProperty({ type: [String], enum: ['followers', 'videos', 'clips'] }) kinds!: Array<
    'followers' | 'videos' | 'clips'
  >;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: String, nullable: true }) requestedBy!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ description: 'Helix pages read so far' }) pages!: number;
  @ApiProperty({ description: 'Helix requests made so far' }) requests!: number;
  @ApiProperty({ description: 'Events appended to the log by this backfill so far (nothing is recorded twice)' })
  eventsWritten!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Helix requests still expected before the backfill completes (estimate: a list whose size is not known yet counts as one request)',
  })
  remainingRequests!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds until done at the job’s pace (0 when finished)' })
  etaSeconds!: number | null;
  @ApiProperty({ type: [ChannelProgressDto] }) channels!: ChannelProgressDto[];
  @ApiProperty({ type: BackfillEstimateDto, nullable: true, description: 'A dry run’s answer' })
  estimate!: BackfillEstimateDto | null;
}

export class BackfillListDto {
  @ApiProperty({ type: [BackfillViewDto] }) backfills!: BackfillViewDto[];
}
