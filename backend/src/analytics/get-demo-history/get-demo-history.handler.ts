import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PG_POOL } from '../../database/create-pool.js';
import { readRows } from '../shared/read-rows.js';
import { DemoHistoryFailure } from './demo-history-failure.js';
import { demoHistoryProgress } from './demo-history-progress.js';
import { GetDemoHistory } from './get-demo-history.query.js';
import type { DemoHistoryResponse } from './get-demo-history.response.js';

/** The demo seeder names each past day's job `demo-history-YYYY-MM-DD` (collection/demo/seed-demo-history.ts). */
const DAYS_ENDED_SQL = `SELECT count(*)::int AS n FROM analytics_jobs
  WHERE job_id LIKE 'demo-history-%' AND status IN ('completed', 'failed')`;

@QueryHandler(GetDemoHistory)
export class GetDemoHistoryHandler implements IQueryHandler<GetDemoHistory> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DemoHistoryFailure) private readonly failure: DemoHistoryFailure,
  ) {}

  async execute(): Promise<DemoHistoryResponse> {
    // With Twitch credentials there is no simulator, so no demo history.
    const days = this.config.twitch ? 0 : this.config.demoHistoryDays;
    if (days === 0) return demoHistoryProgress(0, 0);
    const [row] = await readRows<{ n: number }>(this.pool, DAYS_ENDED_SQL);
    return demoHistoryProgress(row?.n ?? 0, days, this.failure.reason);
  }
}
