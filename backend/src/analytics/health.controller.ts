/** Health checks, no auth: the process and its database (/health), and the analytics service (/api/analytics/health). */
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { PG_POOL } from '../database/create-pool.js';
import { Public } from '../auth/auth.decorators.js';
import { GetAnalyticsHealth } from './get-analytics-health/get-analytics-health.query.js';
import { AnalyticsHealthResponse } from './get-analytics-health/get-analytics-health.response.js';

@ApiTags('health')
@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly queries: QueryBus,
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
  @ApiOperation({
    summary:
      'Analytics service health: event store reachable, projections and their lag, last successful collection (no auth)',
  })
  @ApiOkResponse({ type: AnalyticsHealthResponse })
  analyticsHealth() {
    return this.queries.execute(new GetAnalyticsHealth());
  }
}
