import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { APP_CONFIG } from '../../config/app-config.js';
import type { AppConfig } from '../../config/app-config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { readRows } from '../shared/read-rows.js';
import { currentProjections, eventStoreHealth } from '../shared/service-status.js';
import { GetAnalyticsHealth } from './get-analytics-health.query.js';
import { AnalyticsHealthResponse, LastCollectionDto } from './get-analytics-health.response.js';
import { dto } from '../../dto.js';

@QueryHandler(GetAnalyticsHealth)
export class GetAnalyticsHealthHandler implements IQueryHandler<GetAnalyticsHealth> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<AnalyticsHealthResponse> {
    const logInPostgres = !this.config.eventStoreConnectionString;
    const [eventStore, projections, lastJob] = await Promise.all([
      eventStoreHealth(this.eventStore, logInPostgres ? 'postgres' : 'eventstoredb'),
      currentProjections(this.pool, logInPostgres),
      readRows<{ kind: string; finished_at: Date }>(
        this.pool,
        `SELECT kind, finished_at FROM analytics_jobs WHERE status = 'completed' AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
      ),
    ]);
    // An active build no process follows answers with data that no longer grows.
    const healthy =
      eventStore.status === 'up' &&
      projections.every((p) => p.state !== 'failed' && !(p.active && p.state === 'not followed'));
    return dto(AnalyticsHealthResponse, {
      status: healthy ? 'ok' : 'degraded',
      eventStore,
      projections,
      lastSuccessfulCollection: lastJob[0]
        ? dto(LastCollectionDto, { kind: lastJob[0].kind, finishedAt: lastJob[0].finished_at.toISOString() })
        : null,
    });
  }
}
