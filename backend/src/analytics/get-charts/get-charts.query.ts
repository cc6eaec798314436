import { Query } from '@nestjs/cqrs';
import type { ChartsResponse } from './get-charts.response.js';

export class GetCharts extends Query<ChartsResponse> {
  constructor(
    readonly userId: string,
    readonly days: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
