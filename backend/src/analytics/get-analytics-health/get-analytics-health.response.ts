/** GET /api/analytics/health: can the analytics service answer, and how fresh are its answers. */
import { ApiProperty } from '@nestjs/swagger';
import { ProjectionStatusDto } from '../shared/projection-status.dto.js';

export class EventStoreHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ enum: ['postgres', 'eventstoredb'] })
  kind!: 'postgres' | 'eventstoredb';

  @ApiProperty({ type: String, nullable: true, description: 'Position of the newest event in the log' })
  head!: string | null;
}

export class LastCollectionDto {
  @ApiProperty({ description: 'Job kind: daily, trigger, refresh, …' })
  kind!: string;

  @ApiProperty({ description: 'ISO timestamp the job completed' })
  finishedAt!: string;
}

export class AnalyticsHealthResponse {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description:
      'degraded: the event store is unreachable, a projection failed, or no process follows a build readers use',
  })
  status!: 'ok' | 'degraded';

  @ApiProperty({ type: EventStoreHealthDto })
  eventStore!: EventStoreHealthDto;

  @ApiProperty({ type: [ProjectionStatusDto] })
  projections!: ProjectionStatusDto[];

  @ApiProperty({
    type: LastCollectionDto,
    nullable: true,
    description: 'The most recent collection job that completed; null when none has',
  })
  lastSuccessfulCollection!: LastCollectionDto | null;
}
