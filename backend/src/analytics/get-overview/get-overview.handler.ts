import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { readRows } from '../shared/read-rows.js';
import { absoluteChange, averageViewers, percentChange, round2, trendOf } from '../shared/metric-change.js';
import { GetOverview } from './get-overview.query.js';
import {
  LevelMetricDto,
  OverviewResponse,
  PeriodMetricDto,
  SubscriberLevelDto,
  SubscribersUnavailableDto,
  type SubscriberUnavailableReason,
} from './get-overview.response.js';
import { dto, type DtoFields } from '../../dto.js';

export const OVERVIEW_PERIOD_DAYS = 30;

/**
 * One round trip: the last day with data (asOf), each level's last value at or before asOf and
 * 7 and 30 days earlier (the nearest earlier day when that day is missing), and the flows summed
 * over the last 30 days and the 30 before.
 */
const OVERVIEW_SQL = `
  WITH latest AS (SELECT max(day) AS day FROM channel_analytics WHERE channel_id = $1),
  levels AS (
    SELECT back,
      (SELECT c.followers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.followers IS NOT NULL
         AND c.day <= latest.day - back ORDER BY c.day DESC LIMIT 1) AS followers,
      (SELECT c.subscribers::float8 FROM channel_analytics c WHERE c.channel_id = $1 AND c.subscribers IS NOT NULL
         AND c.day <= latest.day - back ORDER BY c.day DESC LIMIT 1) AS subscribers
    FROM latest, unnest(ARRAY[0, 7, 30]) AS back),
  flows AS (
    SELECT
      sum(c.hours_streamed) FILTER (WHERE c.day > latest.day - $2::int) AS hours_now,
      sum(c.hours_streamed) FILTER (WHERE c.day <= latest.day - $2::int) AS hours_before,
      sum(c.hours_watched) FILTER (WHERE c.day > latest.day - $2::int) AS watched_now,
      sum(c.hours_watched) FILTER (WHERE c.day <= latest.day - $2::int) AS watched_before,
      sum(c.streams) FILTER (WHERE c.day > latest.day - $2::int)::int AS streams_now,
      sum(c.streams) FILTER (WHERE c.day <= latest.day - $2::int)::int AS streams_before,
      count(*) FILTER (WHERE c.day <= latest.day - $2::int)::int AS days_before
    FROM latest JOIN channel_analytics c ON c.channel_id = $1 AND c.day > latest.day - 2 * $2::int AND c.day <= latest.day)
  SELECT latest.day::text AS as_of, flows.*,
    (SELECT json_object_agg(back, json_build_object('followers', followers, 'subscribers', subscribers)) FROM levels) AS levels
  FROM latest, flows`;

const ACCESS_SQL = `
  SELECT reason, to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS since
    FROM subscriber_access WHERE channel_id = $1 AND NOT available`;

/** The recorded reasons (event catalogue) as the API names them. */
const REASONS: Record<string, SubscriberUnavailableReason> = {
  not_connected: 'not-connected',
  missing_scope: 'no-scope',
  token_revoked: 'revoked',
};

/** What OVERVIEW_SQL selects: follower and subscriber levels today, 7 and 30 days ago, and the two periods' sums. */
interface OverviewRow {
  levels: Record<string, { followers: number | null; subscribers: number | null }> | null;
  as_of: string | null;
  days_before: number | null;
  watched_now: number | null;
  hours_now: number | null;
  streams_now: number | null;
  watched_before: number | null;
  hours_before: number | null;
  streams_before: number | null;
}

@QueryHandler(GetOverview)
export class GetOverviewHandler implements IQueryHandler<GetOverview> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetOverview): Promise<OverviewResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const [rows, access] = await Promise.all([
      readRows<OverviewRow>(this.pool, OVERVIEW_SQL, [channel.id, OVERVIEW_PERIOD_DAYS]),
      readRows<{ reason: string; since: string }>(this.pool, ACCESS_SQL, [channel.id]),
    ]);
    const blocked = access[0];
    const unavailable = blocked
      ? dto(SubscribersUnavailableDto, { reason: REASONS[blocked.reason] ?? 'not-connected', since: blocked.since })
      : null;
    const row: Partial<OverviewRow> = rows[0] ?? {};
    const levels = row.levels ?? {};
    const level = (name: 'followers' | 'subscribers') =>
      levelFields(levels['0']?.[name] ?? null, levels['7']?.[name] ?? null, levels['30']?.[name] ?? null);
    // Without a single day in the previous period there is nothing to compare with: null, not 0.
    const hasPrevious = (row.days_before ?? 0) > 0;
    const now = (value: number | null) => (row.as_of ? round2(value ?? 0) : null);
    const previous = (value: number | null) => (hasPrevious ? round2(value ?? 0) : null);
    return dto(OverviewResponse, {
      channel,
      asOf: row.as_of ?? null,
      periodDays: OVERVIEW_PERIOD_DAYS,
      followers: dto(LevelMetricDto, level('followers')),
      subscribers: dto(SubscriberLevelDto, { ...level('subscribers'), unavailable }),
      averageViewers: periodMetric(
        averageViewers(row.watched_now ?? null, row.hours_now ?? null),
        hasPrevious ? averageViewers(row.watched_before ?? null, row.hours_before ?? null) : null,
      ),
      hoursStreamed: periodMetric(now(row.hours_now ?? null), previous(row.hours_before ?? null)),
      streams: periodMetric(now(row.streams_now ?? null), previous(row.streams_before ?? null)),
    });
  }
}

/** A level's fields (a plain object: the subscribers' level adds why it may be unavailable). */
function levelFields(current: number | null, ago7: number | null, ago30: number | null): DtoFields<LevelMetricDto> {
  const change7d = absoluteChange(current, ago7);
  return {
    current,
    change7d,
    change30d: absoluteChange(current, ago30),
    changePct7d: percentChange(current, ago7),
    changePct30d: percentChange(current, ago30),
    trend: trendOf(change7d),
  };
}

export function periodMetric(current: number | null, previous: number | null): PeriodMetricDto {
  const change = absoluteChange(current, previous);
  return dto(PeriodMetricDto, {
    current,
    previous,
    change: change === null ? null : round2(change),
    changePct: percentChange(current, previous),
    trend: trendOf(change),
  });
}
