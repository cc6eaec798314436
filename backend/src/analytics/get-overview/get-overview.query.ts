import { Query } from '@nestjs/cqrs';
import type { OverviewResponse } from './get-overview.response.js';

export class GetOverview extends Query<OverviewResponse> {
  constructor(
    readonly userId: string,
    readonly channelId?: string,
  ) {
    super();
  }
}
