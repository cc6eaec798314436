import { Query } from '@nestjs/cqrs';
import type { BestTimesResponse } from './get-best-times.response.js';

export class GetBestTimes extends Query<BestTimesResponse> {
  constructor(
    readonly userId: string,
    readonly channelId?: string,
  ) {
    super();
  }
}
