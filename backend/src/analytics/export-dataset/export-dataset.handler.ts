import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { ChannelAccess } from '../channel-access.js';
import { utcDay } from '../shared/dates.js';
import { resolveDayRange } from '../shared/day-range.js';
import { toCsv } from './csv.js';
import { roundForCsv } from './csv-rounding.js';
import { ExportDataset, type ExportFile } from './export-dataset.query.js';
import { exportDatasets } from './export-datasets.js';

/** daily and streams: the window when the request names none. */
const DEFAULT_DAYS = 365;

@QueryHandler(ExportDataset)
export class ExportDatasetHandler implements IQueryHandler<ExportDataset> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: ExportDataset): Promise<ExportFile> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const spec = exportDatasets[query.dataset];
    const today = utcDay(this.clock.now());
    const window = resolveDayRange(today, query.range, DEFAULT_DAYS);
    const rows = await spec.read(this.pool, spec.windowed ? [channel.id, window.from, window.to] : [channel.id]);
    const filename = `creatorsync-${channel.login.replace(/[^A-Za-z0-9_-]/g, '_')}-${query.dataset}-${today}.${query.format}`;
    return query.format === 'csv'
      ? { filename, contentType: 'text/csv; charset=utf-8', body: toCsv(spec.columns, rows.map(roundForCsv)) }
      : { filename, contentType: 'application/json; charset=utf-8', body: JSON.stringify(rows) };
  }
}
