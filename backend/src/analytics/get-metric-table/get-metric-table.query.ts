import { Query } from '@nestjs/cqrs';
import type { ExportFormat } from '../analytics-query.dto.js';
import type { MetricTableResponse } from './get-metric-table.response.js';

/** A page of one projection table's rows for one of the user's channels, as JSON or CSV. */
export class GetMetricTable extends Query<MetricTableAnswer> {
  constructor(
    readonly userId: string,
    readonly projection: string,
    readonly table: string,
    readonly options: {
      channelId?: string;
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
      format: ExportFormat;
    },
  ) {
    super();
  }
}

export type MetricTableAnswer =
  { format: 'json'; body: MetricTableResponse } | { format: 'csv'; body: string; filename: string; totalRows: number };
