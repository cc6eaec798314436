/** Downloads: a dataset of one of the user's channels as a CSV or JSON attachment. */
import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import { ReadsTables } from '../http/reads-tables.decorator.js';
import { ExportQuery } from './analytics-query.dto.js';
import { dayRange } from './shared/day-range.js';
import { ExportDataset } from './export-dataset/export-dataset.query.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/analytics')
export class ExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('export')
  @ReadsTables(
    'channel_analytics',
    'stream_sessions',
    'video_analytics',
    'game_analytics',
    'games',
    'account_channels',
    'channel_profiles',
  )
  @ApiOperation({
    summary: 'Download a dataset (daily, streams with titles and categories, videos, games) as CSV or JSON',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiResponse({ status: 200, description: 'The file, as an attachment (Content-Disposition names it)' })
  @ApiBadRequestResponse({
    description:
      'Unknown dataset or format, days out of range, or a bad from–to range (not a day, from after to, in the future)',
  })
  @ApiNotFoundResponse({ description: 'The channel is not one of yours' })
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @QueryParams() query: ExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.queries.execute(
      new ExportDataset(user.userId, query.dataset, query.format, dayRange(query), query.channel),
    );
    reply.header('Content-Type', file.contentType);
    reply.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }
}
