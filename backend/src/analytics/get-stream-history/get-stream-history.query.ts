import { Query } from '@nestjs/cqrs';
import type { DayRange } from '../shared/day-range.js';
import type { StreamHistoryResponse } from './get-stream-history.response.js';

export class GetStreamHistory extends Query<StreamHistoryResponse> {
  constructor(
    readonly userId: string,
    readonly range: DayRange,
    readonly page: number,
    readonly pageSize: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
