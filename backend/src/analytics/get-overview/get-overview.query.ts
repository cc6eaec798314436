import { Query } from '@nestjs/cqrs';
import type { ChannelRef } from '../channel-access.js';

export interface MetricChange {
  current: number | null;
  change7d: number | null;
  change30d: number | null;
  changePct7d: number | null;
  changePct30d: number | null;
  trend: 'up' | 'down' | 'flat';
}

export interface OverviewResponse {
  channel: ChannelRef;
  /** The last day with data (UTC), or null when nothing was collected yet. */
  asOf: string | null;
  followers: MetricChange;
}

export class GetOverview extends Query<OverviewResponse> {
  constructor(readonly userId: string, readonly channelId?: string) {
    super();
  }
}
