import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK, PG_POOL } from '../../app/tokens.js';
import type { Clock } from '../../clock.js';
import { resolveChannel } from '../channel-access.js';
import { utcDay, windowEnding } from '../shared/dates.js';
import { readRows } from '../shared/read-rows.js';
import { FOLLOWER_GROWTH_SQL, STREAM_FREQUENCY_SQL, TOP_GAMES_SQL, VIDEO_PERFORMANCE_SQL, VIEWERSHIP_SQL } from './chart-series.sql.js';
import { GetCharts } from './get-charts.query.js';
import type { ChartsResponse } from './get-charts.response.js';

@QueryHandler(GetCharts)
export class GetChartsHandler implements IQueryHandler<GetCharts> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetCharts): Promise<ChartsResponse> {
    const channel = await resolveChannel(this.pool, query.userId, query.channelId);
    const window = windowEnding(utcDay(this.clock.now()), query.days);
    const inWindow = [channel.id, window.from, window.to];
    const rows = (sql: string, params: unknown[]) => readRows(this.pool, sql, params);
    const [followerGrowth, viewership, streamFrequency, topGames, videoPerformance] = await Promise.all([
      rows(FOLLOWER_GROWTH_SQL, inWindow),
      rows(VIEWERSHIP_SQL, inWindow),
      rows(STREAM_FREQUENCY_SQL, inWindow),
      rows(TOP_GAMES_SQL, inWindow),
      rows(VIDEO_PERFORMANCE_SQL, inWindow),
    ]);
    return { channel, days: window.days, from: window.from, to: window.to, followerGrowth, viewership, streamFrequency, topGames, videoPerformance } as ChartsResponse;
  }
}
