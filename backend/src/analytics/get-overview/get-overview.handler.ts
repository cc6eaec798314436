import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../app/tokens.js';
import { resolveChannel } from '../channel-access.js';
import { GetOverview, type MetricChange, type OverviewResponse } from './get-overview.query.js';

/** Followers now and N days before the last day with data (the nearest earlier day when that day is missing). */
const FOLLOWERS_SQL = `
  WITH latest AS (
    SELECT day, followers FROM channel_analytics
     WHERE channel_id = $1 AND followers IS NOT NULL ORDER BY day DESC LIMIT 1)
  SELECT latest.day::text AS day, latest.followers::float8 AS current,
    (SELECT c.followers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.followers IS NOT NULL
      AND c.day <= latest.day - 7 ORDER BY c.day DESC LIMIT 1) AS ago7,
    (SELECT c.followers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.followers IS NOT NULL
      AND c.day <= latest.day - 30 ORDER BY c.day DESC LIMIT 1) AS ago30
  FROM latest`;

@QueryHandler(GetOverview)
export class GetOverviewHandler implements IQueryHandler<GetOverview> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetOverview): Promise<OverviewResponse> {
    const channel = await resolveChannel(this.pool, query.userId, query.channelId);
    const { rows } = await this.pool.query(FOLLOWERS_SQL, [channel.id]);
    const row = rows[0];
    return {
      channel,
      asOf: row?.day ?? null,
      followers: metricChange(row?.current ?? null, row?.ago7 ?? null, row?.ago30 ?? null),
    };
  }
}

export function metricChange(current: number | null, ago7: number | null, ago30: number | null): MetricChange {
  const change = (before: number | null) => (current === null || before === null ? null : current - before);
  const pct = (before: number | null) =>
    current === null || before === null || before === 0 ? null : Math.round(((current - before) / before) * 10_000) / 100;
  const change7d = change(ago7);
  return {
    current,
    change7d,
    change30d: change(ago30),
    changePct7d: pct(ago7),
    changePct30d: pct(ago30),
    trend: change7d === null || change7d === 0 ? 'flat' : change7d > 0 ? 'up' : 'down',
  };
}
