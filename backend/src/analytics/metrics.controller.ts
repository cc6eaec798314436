/**
 * Reading a metric: any projection table whose key starts with `channel_id`, for one of the user's
 * channels, paged, as JSON or CSV. The projection and table come from the database (the active
 * build), so a metric built beside this server (by the CLI or a projector process with newer
 * code) is readable here without a restart.
 */
import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import { ReadsPathProjection } from '../http/reads-tables.decorator.js';
import { MetricTableQuery } from './analytics-query.dto.js';
import { GetMetricTable } from './get-metric-table/get-metric-table.query.js';
import { MetricTableResponse } from './get-metric-table/get-metric-table.response.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/analytics/metrics')
export class MetricsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':projection/:table')
  @ApiOkResponse({
    type: MetricTableResponse,
    description: 'format=json: a page of rows; format=csv: the page as a CSV attachment',
  })
  @ReadsPathProjection('projection', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary:
      "A projection table's rows for one of your channels (any table whose key starts with channel_id), paged, as JSON or CSV",
    description:
      'Reads the active build of the projection, also one built beside this server by a newer version of the code. ' +
      '`npm run cli -- projections list` names the projections and their tables. The total over all pages is in `totalRows` ' +
      '(CSV: the `X-Total-Count` header).',
  })
  @ApiParam({ name: 'projection', description: 'A projection name, e.g. best-times', example: 'best-times' })
  @ApiParam({ name: 'table', description: 'One of its tables, e.g. best_times', example: 'best_times' })
  @ApiProduces('application/json', 'text/csv')
  @ApiBadRequestResponse({
    description: 'A parameter is unknown or out of range, or from/to given for a table without a day or time column',
  })
  @ApiNotFoundResponse({
    description: 'No such projection or table, a table not per channel, or the channel is not one of yours',
  })
  async read(
    @CurrentUser() user: AuthenticatedUser,
    @Param('projection') projection: string,
    @Param('table') table: string,
    @QueryParams() query: MetricTableQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MetricTableResponse | string> {
    const answer = await this.queries.execute(
      new GetMetricTable(user.userId, projection, table, {
        channelId: query.channel,
        from: query.from,
        to: query.to,
        page: query.page,
        pageSize: query.pageSize,
        format: query.format,
      }),
    );
    if (answer.format === 'json') return answer.body;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="${answer.filename}"`);
    reply.header('X-Total-Count', String(answer.totalRows));
    return answer.body;
  }
}
