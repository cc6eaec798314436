/** One stream of the signed-in user's channels in full: the stream report's curve, changes, clips and VOD. */
import { BadRequestException, Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import { ReadsTables } from '../http/reads-tables.decorator.js';
import { GetStreamReport } from './get-stream-report/get-stream-report.query.js';
import { StreamReportResponse } from './get-stream-report/get-stream-report.response.js';

const STREAM_ID = /^[A-Za-z0-9_-]{1,64}$/;

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/analytics')
export class StreamReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('streams/:streamId')
  // @ApiOkResponse stays above @ReadsTables: applied last, it keeps its schema when the 200 entries merge.
  @ApiOkResponse({ type: StreamReportResponse })
  @ReadsTables('stream_sessions', 'stream_samples', 'video_analytics', 'games', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary: 'One stream: its viewer curve from the live samples, game and title changes, totals, clips and VOD',
  })
  @ApiBadRequestResponse({ description: 'The stream id is not one (letters, digits, "_" and "-", at most 64)' })
  @ApiNotFoundResponse({ description: "The stream is not one of your channels' streams" })
  report(@CurrentUser() user: AuthenticatedUser, @Param('streamId') streamId: string): Promise<StreamReportResponse> {
    if (!STREAM_ID.test(streamId))
      throw new BadRequestException(`"${streamId}" is not a stream id (letters, digits, "_" and "-", at most 64)`);
    return this.queries.execute(new GetStreamReport(user.userId, streamId));
  }
}
