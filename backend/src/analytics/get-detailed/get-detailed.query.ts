import { Query } from '@nestjs/cqrs';
import type { DayRange } from '../shared/day-range.js';
import type { DetailedResponse } from './get-detailed.response.js';

export class GetDetailed extends Query<DetailedResponse> {
  constructor(
    readonly userId: string,
    /** `days` ending today, or a custom `from`–`to`; 30 days when neither is given. */
    readonly range: DayRange,
    readonly page: number,
    readonly pageSize: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
