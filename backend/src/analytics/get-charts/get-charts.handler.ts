import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { ChannelAccess } from '../channel-access.js';
import { utcDay } from '../shared/dates.js';
import { resolveDayRange } from '../shared/day-range.js';
import { readRows } from '../shared/read-rows.js';
import { CHARTS_SQL } from './chart-series.sql.js';
import { GetCharts } from './get-charts.query.js';
import { ChartsResponse } from './get-charts.response.js';
import { dto } from '../../dto.js';

/** The series CHARTS_SQL aggregates as JSON, one column each. */
type ChartSeries = Pick<
  ChartsResponse,
  'followerGrowth' | 'followerGrowthReconstructed' | 'viewership' | 'streamFrequency' | 'topGames' | 'videoPerformance'
>;

/** The window when the request names none. */
const DEFAULT_DAYS = 30;

@QueryHandler(GetCharts)
export class GetChartsHandler implements IQueryHandler<GetCharts> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetCharts): Promise<ChartsResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const window = resolveDayRange(utcDay(this.clock.now()), query.range, DEFAULT_DAYS);
    const [series] = await readRows<Partial<ChartSeries>>(this.pool, CHARTS_SQL, [channel.id, window.from, window.to]);
    const {
      followerGrowth = [],
      followerGrowthReconstructed = [],
      viewership = [],
      streamFrequency = [],
      topGames = [],
      videoPerformance = [],
    } = series ?? {};
    return dto(ChartsResponse, {
      channel,
      days: window.days,
      from: window.from,
      to: window.to,
      followerGrowth,
      followerGrowthReconstructed,
      viewership,
      streamFrequency,
      topGames,
      videoPerformance,
    });
  }
}
