/**
 * The signed-in user's analytics, one query per route. Controllers only turn parameters into a
 * query and return its data, so interceptors (consistency wait, ETag) can wrap every route alike.
 */
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
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
import {
  BestTimesQuery,
  ChannelQuery,
  ChartsQuery,
  ContentQuery,
  DetailedQuery,
  GrowthQuery,
  JobsQuery,
  StreamHistoryQuery,
} from './analytics-query.dto.js';
import { dayRange } from './shared/day-range.js';
import { GetBestTimes } from './get-best-times/get-best-times.query.js';
import { BestTimesResponse } from './get-best-times/get-best-times.response.js';
import { GetCharts } from './get-charts/get-charts.query.js';
import { ChartsResponse } from './get-charts/get-charts.response.js';
import { GetContent } from './get-content/get-content.query.js';
import { ContentResponse } from './get-content/get-content.response.js';
import { GetDetailed } from './get-detailed/get-detailed.query.js';
import { DetailedResponse } from './get-detailed/get-detailed.response.js';
import { GetGrowth } from './get-growth/get-growth.query.js';
import { GrowthResponse } from './get-growth/get-growth.response.js';
import { GetJobs } from './get-jobs/get-jobs.query.js';
import { JobsResponse } from './get-jobs/get-jobs.response.js';
import { GetOverview } from './get-overview/get-overview.query.js';
import { OverviewResponse } from './get-overview/get-overview.response.js';
import { GetStreamHistory } from './get-stream-history/get-stream-history.query.js';
import { StreamHistoryResponse } from './get-stream-history/get-stream-history.response.js';

@ApiTags('analytics')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A parameter is unknown or out of range (problem details say which)' })
@ApiNotFoundResponse({ description: 'The channel is not one of yours, or you have no channel linked yet' })
// @ApiOkResponse stays above @ReadsTables: applied last, it keeps its schema when the 200 entries merge.
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('overview')
  @ApiOkResponse({ type: OverviewResponse })
  @ReadsTables('channel_analytics', 'subscriber_access', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary: 'Metric cards: followers, subscribers, average viewers, hours streamed, with their change and trend',
  })
  overview(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: ChannelQuery) {
    return this.queries.execute(new GetOverview(user.userId, query.channel));
  }

  @Get('charts')
  @ApiOkResponse({ type: ChartsResponse })
  @ReadsTables(
    'channel_analytics',
    'followers_reconstructed',
    'stream_sessions',
    'games',
    'video_analytics',
    'account_channels',
    'channel_profiles',
  )
  @ApiOperation({
    summary:
      'Chart series for the last `days` days or the range `from`–`to`: follower growth (observed, and reconstructed by a backfill before it, marked apart), viewership, stream frequency, top games, videos',
  })
  charts(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: ChartsQuery) {
    return this.queries.execute(new GetCharts(user.userId, dayRange(query), query.channel));
  }

  @Get('detailed')
  @ApiOkResponse({ type: DetailedResponse })
  @ReadsTables(
    'channel_analytics',
    'stream_sessions',
    'games',
    'video_analytics',
    'account_channels',
    'channel_profiles',
  )
  @ApiOperation({
    summary:
      'Everything for the last `days` days or the range `from`–`to`: totals, daily rows, stream sessions (paged), videos, games',
  })
  detailed(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: DetailedQuery) {
    return this.queries.execute(
      new GetDetailed(user.userId, dayRange(query), query.page, query.pageSize, query.channel),
    );
  }

  @Get('stream-history')
  @ApiOkResponse({ type: StreamHistoryResponse })
  @ReadsTables('stream_sessions', 'stream_sessions_reconstructed', 'games', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary:
      'Past streams of the last `days` days or the range `from`–`to`, paged: observed ones, and those a backfill rebuilt from archives (marked reconstructed, viewers unknown); observed wins where both exist',
  })
  streamHistory(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: StreamHistoryQuery) {
    return this.queries.execute(
      new GetStreamHistory(user.userId, dayRange(query), query.page, query.pageSize, query.channel),
    );
  }

  @Get('growth')
  @ApiOkResponse({ type: GrowthResponse })
  @ReadsTables('channel_analytics', 'followers_reconstructed', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary: 'Followers, subscribers and viewers per week, month, quarter or year, with absolute and relative change',
  })
  growth(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: GrowthQuery) {
    return this.queries.execute(new GetGrowth(user.userId, query.period, query.periods, query.channel));
  }

  @Get('content')
  @ApiOkResponse({ type: ContentResponse })
  @ReadsTables('video_analytics', 'game_analytics', 'games', 'account_channels', 'channel_profiles')
  @ApiOperation({ summary: 'Videos and clips ranked by views and by views gained, per type; per-game performance' })
  content(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: ContentQuery) {
    return this.queries.execute(new GetContent(user.userId, query.limit, query.window, query.channel));
  }

  @Get('jobs')
  @ApiOkResponse({ type: JobsResponse })
  @ReadsTables('analytics_jobs', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary: 'Your collection jobs (and scheduled jobs that included your channels) with status and progress',
  })
  jobs(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: JobsQuery) {
    return this.queries.execute(new GetJobs(user.userId, query.limit, query.channel, query.job));
  }

  @Get('best-times')
  @ApiOkResponse({ type: BestTimesResponse })
  @ReadsTables('best_times', 'best_times_state', 'account_channels', 'channel_profiles')
  @ApiOperation({
    summary: "Best time to stream: average viewers and followers gained per weekday × hour of the channel's time zone",
  })
  bestTimes(@CurrentUser() user: AuthenticatedUser, @QueryParams() query: BestTimesQuery) {
    return this.queries.execute(new GetBestTimes(user.userId, query.channel));
  }
}
