/**
 * Admin backfills: start one (201 with the job id), list them and read one (progress: pages,
 * events written, requests, ETA), cancel one (the cancel is recorded as an event). Admin only:
 * the X-Admin-Key header or an admin role claim. Bad input is a 400 problem detail saying what is
 * wrong; the same channel and kind already running is 409.
 */
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBody, ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../../auth/session-verifier.js';
import { BackfillConflictError, BackfillJobs } from '../backfill/backfill-jobs.js';
import { BackfillInputError } from '../backfill/backfill-input.js';
import type { BackfillView } from '../backfill/backfill-view.js';
import { BackfillAcceptedDto, BackfillListDto, BackfillViewDto } from './backfill-view.dto.js';
import { JOB_ID_PATTERN } from '../jobs/job-id.js';
import { JobNotFoundError } from '../jobs/job-state.js';

class StartBackfillDto {
  @ApiProperty({
    description: 'Twitch broadcaster ids of connected channels, or "all" for every connected channel',
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
    example: ['141981764'],
  })
  channels!: string[] | 'all';

  @ApiProperty({ description: 'First UTC day (YYYY-MM-DD)', example: '2025-01-01' })
  from!: string;

  @ApiProperty({
    description: 'Last UTC day (YYYY-MM-DD), not in the future; at most 10 years after from',
    example: '2025-12-31',
  })
  to!: string;

  @ApiProperty({
    description: 'What to backfill (default: all three)',
    required: false,
    type: [String],
    enum: ['followers', 'videos', 'clips'],
  })
  kinds?: string[];

  @ApiProperty({ description: 'Only estimate the requests and their time; fetch no list page', default: false })
  dryRun?: boolean;
}

export interface BackfillAccepted {
  jobId: string;
  channels: string[];
  dryRun: boolean;
  status: 'requested';
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('admin-key')
@Controller('api/admin/backfills')
@AdminOnly()
export class BackfillsController {
  constructor(private readonly backfills: BackfillJobs) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: "Admin: backfill channels' past from what Twitch still holds (followers, videos, clips)" })
  @ApiBody({ type: StartBackfillDto })
  @ApiResponse({ status: 201, description: 'Backfill job requested', type: BackfillAcceptedDto })
  @ApiResponse({ status: 400, description: 'Bad range (from after to, future, over 10 years), kinds or channels' })
  @ApiResponse({ status: 409, description: 'A backfill of the same channel and kind is running' })
  async start(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser): Promise<BackfillAccepted> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadRequestException('the body must be a JSON object { channels, from, to, kinds?, dryRun? }');
    const input = body as Record<string, unknown>;
    const unknown = Object.keys(input).filter((k) => !['channels', 'from', 'to', 'kinds', 'dryRun'].includes(k));
    if (unknown.length > 0) throw new BadRequestException(`unknown field(s): ${unknown.join(', ')}`);
    try {
      const job = await this.backfills.start({
        channels: input.channels,
        from: input.from as string,
        to: input.to as string,
        kinds: input.kinds,
        dryRun: (input.dryRun ?? false) as boolean,
        requestedBy: user.userId,
      });
      void job.finished.catch(() => undefined);
      return {
        jobId: job.jobId,
        channels: job.channels,
        dryRun: (input.dryRun ?? false) as boolean,
        status: 'requested',
      };
    } catch (error) {
      throw httpError(error);
    }
  }

  @Get()
  @ApiOperation({ summary: 'Admin: every backfill, newest first, with its progress and ETA' })
  @ApiResponse({ status: 200, type: BackfillListDto })
  async list(): Promise<{ backfills: BackfillView[] }> {
    return { backfills: await this.backfills.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Admin: one backfill: status, pages, events written, requests, ETA, per channel and kind' })
  @ApiResponse({ status: 200, type: BackfillViewDto })
  @ApiResponse({ status: 404, description: 'No such backfill' })
  async get(@Param('id') id: string): Promise<BackfillView> {
    try {
      return await this.backfills.view(checkedId(id));
    } catch (error) {
      throw httpError(error);
    }
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Admin: cancel a backfill (recorded as BackfillCancelled; what it recorded stays)' })
  @ApiResponse({ status: 200, description: 'The backfill, cancelled', type: BackfillViewDto })
  @ApiResponse({ status: 404, description: 'No such backfill' })
  @ApiResponse({ status: 409, description: 'The backfill has already finished' })
  async cancel(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<BackfillView> {
    try {
      return await this.backfills.cancel(checkedId(id), user.userId);
    } catch (error) {
      throw httpError(error);
    }
  }
}

function checkedId(id: string): string {
  if (!JOB_ID_PATTERN.test(id)) throw new BadRequestException(`"${id}" is not a job id`);
  return id;
}

function httpError(error: unknown): unknown {
  if (error instanceof BackfillInputError) return new BadRequestException(error.message);
  if (error instanceof BackfillConflictError) return new ConflictException(error.message);
  if (error instanceof JobNotFoundError) return new NotFoundException(`No backfill "${error.jobId}"`);
  return error;
}
