import { Query } from '@nestjs/cqrs';
import type { DayRange } from '../shared/day-range.js';
import type { ChartsResponse } from './get-charts.response.js';

export class GetCharts extends Query<ChartsResponse> {
  constructor(
    readonly userId: string,
    /** `days` ending today, or a custom `from`–`to`; 30 days when neither is given. */
    readonly range: DayRange,
    readonly channelId?: string,
  ) {
    super();
  }
}
