import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '../app/tokens.js';
import { Public } from '../auth/auth.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { formatPosition } from '../event-store/position.js';
import { projectionStatuses } from '../projector/projection-status.js';

@ApiTags('health')
@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Process and database health (no auth)' })
  async health() {
    try {
      await this.pool.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('Database unreachable');
    }
    return { status: 'ok', database: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }

  @Public()
  @Get('api/analytics/health')
  @ApiOperation({ summary: 'Analytics service health: event store, projections and their lag' })
  async analyticsHealth() {
    let head: string | null = null;
    let eventStore: 'up' | 'down' = 'up';
    try {
      const position = await this.eventStore.headPosition();
      head = position ? formatPosition(position) : null;
    } catch {
      eventStore = 'down';
    }
    const projections = await projectionStatuses(this.pool, allProjections, { logInPostgres: !this.config.eventStoreConnectionString });
    const healthy = eventStore === 'up' && projections.every((p) => p.state !== 'failed');
    return {
      status: healthy ? 'ok' : 'degraded',
      eventStore: { status: eventStore, kind: this.config.eventStoreConnectionString ? 'eventstoredb' : 'postgres', head },
      projections: projections
        .filter((p) => p.state !== 'retired')
        .map(({ name, version, state, active, position, lagEvents, lagSeconds, error }) => ({ name, version, state, active, position, lagEvents, lagSeconds, error })),
    };
  }
}
