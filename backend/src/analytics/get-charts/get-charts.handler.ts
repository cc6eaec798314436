import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK, PG_POOL } from '../../app/tokens.js';
import type { Clock } from '../../clock.js';
import { resolveChannel } from '../channel-access.js';
import { GetCharts, type ChartsResponse } from './get-charts.query.js';

@QueryHandler(GetCharts)
export class GetChartsHandler implements IQueryHandler<GetCharts> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetCharts): Promise<ChartsResponse> {
    const channel = await resolveChannel(this.pool, query.userId, query.channelId);
    const today = this.clock.now().toISOString().slice(0, 10);
    const { rows } = await this.pool.query(
      `SELECT day::text AS day, followers::float8 AS followers, followers_gained::float8 AS gained
         FROM channel_analytics
        WHERE channel_id = $1 AND followers IS NOT NULL AND day > $2::date - $3::int AND day <= $2::date
        ORDER BY day`,
      [channel.id, today, query.days],
    );
    return { channel, days: query.days, followerGrowth: rows };
  }
}
