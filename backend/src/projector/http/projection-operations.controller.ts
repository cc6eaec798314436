/**
 * Admin: rebuild one projection, or replay every projection, from the admin console (the CLI's
 * `projections rebuild <name>` / `projections replay`), and follow its progress. Admin only: the
 * X-Admin-Key header or an admin role claim. 202 with the operation; 404 for an unknown
 * projection; 409 while another rebuild or replay runs on any server instance. Operations are kept
 * in PostgreSQL: every instance lists them and reports their progress, whichever one runs them.
 */
import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../../auth/auth.decorators.js';
import { UnknownProjectionError } from '../projector.js';
import { OperationRunningError, ProjectionOperations } from './projection-operations.js';
import type { ProjectionOperation } from './projection-operations-table.js';

export class ProjectionOperationDto implements ProjectionOperation {
  @ApiProperty({ description: 'Id to poll it by' })
  id!: string;

  @ApiProperty({ enum: ['rebuild', 'replay'] })
  kind!: 'rebuild' | 'replay';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The projection rebuilt; null for a replay of every projection',
  })
  projection!: string | null;

  @ApiProperty({
    enum: ['running', 'completed', 'failed'],
    description: 'failed also when the server process running it died (its error says so)',
  })
  status!: 'running' | 'completed' | 'failed';

  @ApiProperty({
    description:
      'Events applied to the new build(s) so far (a count of log events), as last reported by the server running it (every second)',
  })
  eventsProcessed!: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Events of the handled types in the log when it started (a count; for a replay, summed over the projections); null with an EventStoreDB log, where it is not counted',
  })
  total!: number | null;

  @ApiProperty({ description: 'When it started (ISO 8601)' })
  startedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'When it ended (ISO 8601); null while running' })
  finishedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it failed, in words (abandoned: the server running it stopped reporting); null otherwise',
  })
  error!: string | null;
}

export class ProjectionOperationListDto {
  @ApiProperty({
    type: [ProjectionOperationDto],
    description: 'The newest operations first, started on any server instance',
  })
  operations!: ProjectionOperationDto[];
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('admin-key')
@AdminOnly()
@Controller('api/admin/projections')
export class ProjectionOperationsController {
  constructor(private readonly operations: ProjectionOperations) {}

  @Post('replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replay every projection from the event log into new builds (readers switch as each catches up)',
  })
  @ApiResponse({ status: 202, type: ProjectionOperationDto })
  @ApiResponse({ status: 409, description: 'Another rebuild or replay is running (on any server instance)' })
  replay(): Promise<ProjectionOperation> {
    return this.started(() => this.operations.replay());
  }

  @Post(':name/rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Rebuild one projection from the event log into a new build (readers switch when it has caught up)',
  })
  @ApiResponse({ status: 202, type: ProjectionOperationDto })
  @ApiResponse({ status: 404, description: 'No projection of that name' })
  @ApiResponse({ status: 409, description: 'Another rebuild or replay is running (on any server instance)' })
  rebuild(@Param('name') name: string): Promise<ProjectionOperation> {
    return this.started(() => this.operations.rebuild(name));
  }

  @Get('operations')
  @ApiOperation({ summary: 'Rebuilds and replays started on any server instance, newest first, with progress' })
  @ApiResponse({ status: 200, type: ProjectionOperationListDto })
  async list(): Promise<{ operations: ProjectionOperation[] }> {
    return { operations: await this.operations.list() };
  }

  @Get('operations/:id')
  @ApiOperation({ summary: 'One rebuild or replay, with progress' })
  @ApiResponse({ status: 200, type: ProjectionOperationDto })
  @ApiResponse({ status: 404, description: 'No such operation (or one deleted as old)' })
  async one(@Param('id') id: string): Promise<ProjectionOperation> {
    const found = await this.operations.find(id);
    if (!found) throw new NotFoundException(`no rebuild or replay ${id}`);
    return found;
  }

  private async started(start: () => Promise<ProjectionOperation>): Promise<ProjectionOperation> {
    try {
      return await start();
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundException(error.message);
      if (error instanceof OperationRunningError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
