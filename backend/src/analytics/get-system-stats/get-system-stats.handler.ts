import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { APP_CONFIG } from '../../config/app-config.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { AppConfig } from '../../config/app-config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { readRows } from '../shared/read-rows.js';
import { currentProjections, eventStoreHealth } from '../shared/service-status.js';
import { GetSystemStats } from './get-system-stats.query.js';
import { dto } from '../../dto.js';
import {
  ChannelCountsDto,
  EventCountsDto,
  HelixBucketDto,
  HelixEndpointUsageDto,
  HelixUsageDto,
  SystemStatsResponse,
} from './get-system-stats.response.js';
import { HELIX_USAGE, type HelixUsageSource } from './helix-usage.js';
import { helixRequestsByHour, recentJobs } from './recent-activity.js';

const count = async (pool: pg.Pool, sql: string) => (await readRows<{ n: number }>(pool, sql))[0]?.n ?? 0;

@QueryHandler(GetSystemStats)
export class GetSystemStatsHandler implements IQueryHandler<GetSystemStats> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HELIX_USAGE) private readonly helix: HelixUsageSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<SystemStatsResponse> {
    const logInPostgres = !this.config.eventStoreConnectionString;
    const [profiles, linked, accounts, withDailyData, eventTypes, eventStore, projections, jobs, recent, byHour] =
      await Promise.all([
        count(this.pool, `SELECT count(*)::int AS n FROM channel_profiles`),
        count(this.pool, `SELECT count(DISTINCT channel_id)::int AS n FROM account_channels`),
        count(this.pool, `SELECT count(DISTINCT user_id)::int AS n FROM account_channels`),
        // The projection's state row per channel knows its last day with a row: cheaper than DISTINCT over years of days.
        count(this.pool, `SELECT count(*)::int AS n FROM channel_analytics_state WHERE last_row_day IS NOT NULL`),
        // The embedded log is a table in this database; EventStoreDB keeps its own statistics.
        logInPostgres
          ? readRows<{ event_type: string; n: number }>(
              this.pool,
              `SELECT event_type, count(*)::float8 AS n FROM events GROUP BY event_type ORDER BY event_type`,
            )
          : Promise.resolve(null),
        eventStoreHealth(this.eventStore, logInPostgres ? 'postgres' : 'eventstoredb'),
        currentProjections(this.pool, logInPostgres),
        readRows<{ status: string; n: number }>(
          this.pool,
          `SELECT status, count(*)::int AS n FROM analytics_jobs GROUP BY status ORDER BY status`,
        ),
        recentJobs(this.pool),
        helixRequestsByHour(this.pool, this.clock.now()),
      ]);
    const byType = eventTypes ? Object.fromEntries(eventTypes.map((r) => [r.event_type, r.n])) : null;
    return dto(SystemStatsResponse, {
      channels: dto(ChannelCountsDto, { profiles, linked, accounts, withDailyData }),
      events: dto(EventCountsDto, {
        total: byType ? Object.values(byType).reduce((a, b) => a + b, 0) : null,
        byType,
        head: eventStore.head,
      }),
      eventStore,
      projections,
      jobsByStatus: Object.fromEntries(jobs.map((r) => [r.status, r.n])),
      helix: helixUsage(this.helix),
      recentJobs: recent,
      helixRequestsByHour: byHour,
    });
  }
}

function helixUsage(helix: HelixUsageSource): HelixUsageDto {
  const stats = helix.requestStats();
  return dto(HelixUsageDto, {
    totalRequests: stats.totalRequests,
    byEndpoint: Object.fromEntries(
      Object.entries(stats.byEndpoint).map(([endpoint, e]) => [
        endpoint,
        dto(HelixEndpointUsageDto, {
          requests: e.requests,
          retries: e.retries,
          rateLimited: e.rateLimited,
          failures: e.failures,
        }),
      ]),
    ),
    buckets: Object.fromEntries(
      Object.entries(stats.buckets).map(([bucket, b]) => [
        bucket,
        dto(HelixBucketDto, {
          granted: b.granted,
          waitedMs: b.waitedMs,
          rateLimited: b.rateLimited,
          limit: b.limit ?? null,
          remaining: b.remaining ?? null,
        }),
      ]),
    ),
  });
}
