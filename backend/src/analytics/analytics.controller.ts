import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ReadsTables } from '../http/reads-tables.decorator.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import { ChannelQuery, ChartsQuery } from './analytics-query.dto.js';
import { GetCharts } from './get-charts/get-charts.query.js';
import { GetOverview } from './get-overview/get-overview.query.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('overview')
  @ReadsTables('channel_analytics', 'account_channels', 'channel_profiles')
  @ApiOperation({ summary: 'Metric cards: current followers and the change over 7 and 30 days' })
  overview(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: ChannelQuery) {
    return this.queries.execute(new GetOverview(user.userId, query.channel));
  }

  @Get('charts')
  @ApiOperation({ summary: 'Chart series for the last `days` days: follower growth' })
  charts(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: ChartsQuery) {
    return this.queries.execute(new GetCharts(user.userId, query.days, query.channel));
  }
}
