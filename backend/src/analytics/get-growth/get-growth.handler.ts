import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { ChannelAccess } from '../channel-access.js';
import { periodBuckets, utcDay } from '../shared/dates.js';
import { readRows } from '../shared/read-rows.js';
import { absoluteChange, averageViewers, percentChange, round2 } from '../shared/metric-change.js';
import { GetGrowth } from './get-growth.query.js';
import { GrowthPeriodDto, GrowthResponse, GrowthValueDto } from './get-growth.response.js';
import { must } from '../../must.js';
import { dto } from '../../dto.js';

/**
 * Per bucket ($2 starts, $3 ends, inclusive): the totals last known at its end, and its flows. A
 * follower total observed by then wins; only before the first observed one does a backfill's
 * reconstruction (a lower bound) stand in, and the period says so.
 */
const GROWTH_SQL = `
  SELECT b.start::text AS start,
    (SELECT c.followers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.followers IS NOT NULL AND c.day <= b.finish ORDER BY c.day DESC LIMIT 1) AS followers,
    (SELECT r.followers::float8 FROM followers_reconstructed r WHERE r.channel_id = $1 AND r.day <= b.finish ORDER BY r.day DESC LIMIT 1) AS reconstructed_followers,
    (SELECT c.subscribers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.subscribers IS NOT NULL AND c.day <= b.finish ORDER BY c.day DESC LIMIT 1) AS subscribers,
    f.hours_streamed, f.hours_watched, f.peak_viewers, f.streams
  FROM unnest($2::date[], $3::date[]) AS b(start, finish)
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(c.hours_streamed), 0)::float8 AS hours_streamed, coalesce(sum(c.hours_watched), 0)::float8 AS hours_watched,
           max(c.peak_viewers) AS peak_viewers, coalesce(sum(c.streams), 0)::int AS streams
      FROM channel_analytics c WHERE c.channel_id = $1 AND c.day BETWEEN b.start AND b.finish) f
  ORDER BY b.start`;

interface GrowthRow {
  start: string;
  followers: number | null;
  reconstructed_followers: number | null;
  subscribers: number | null;
  hours_streamed: number;
  hours_watched: number;
  peak_viewers: number | null;
  streams: number;
}

@QueryHandler(GetGrowth)
export class GetGrowthHandler implements IQueryHandler<GetGrowth> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetGrowth): Promise<GrowthResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const today = utcDay(this.clock.now());
    // One period more than asked: the first one shown needs its predecessor to say how it changed.
    const buckets = periodBuckets(query.period, today, query.periods + 1);
    const rows = await readRows<GrowthRow>(this.pool, GROWTH_SQL, [
      channel.id,
      buckets.map((b) => b.start),
      buckets.map((b) => b.end),
    ]);
    const periods = rows
      .slice(1)
      .map((row, i) => growthPeriod(row, must(rows[i], 'rows[i]'), must(buckets[i + 1], 'buckets[i + 1]').end, today));
    return dto(GrowthResponse, { channel, period: query.period, periods });
  }
}

function growthPeriod(row: GrowthRow, before: GrowthRow, end: string, today: string): GrowthPeriodDto {
  return dto(GrowthPeriodDto, {
    start: row.start,
    end,
    complete: end < today,
    followers: growthValue(followersOf(row), followersOf(before)),
    followersReconstructed: row.followers === null && row.reconstructed_followers !== null,
    subscribers: growthValue(row.subscribers, before.subscribers),
    averageViewers: growthValue(
      averageViewers(row.hours_watched, row.hours_streamed),
      averageViewers(before.hours_watched, before.hours_streamed),
    ),
    peakViewers: row.peak_viewers,
    hoursStreamed: round2(row.hours_streamed),
    streams: row.streams,
  });
}

const followersOf = (row: GrowthRow) => row.followers ?? row.reconstructed_followers;

export function growthValue(value: number | null, previous: number | null): GrowthValueDto {
  const change = absoluteChange(value, previous);
  return dto(GrowthValueDto, {
    value,
    change: change === null ? null : round2(change),
    changePct: percentChange(value, previous),
  });
}
