import { Query } from '@nestjs/cqrs';
import type { ChannelRef } from '../channel-access.js';

export interface FollowerGrowthPoint {
  day: string;
  followers: number;
  gained: number | null;
}

export interface ChartsResponse {
  channel: ChannelRef;
  days: number;
  followerGrowth: FollowerGrowthPoint[];
}

export class GetCharts extends Query<ChartsResponse> {
  constructor(readonly userId: string, readonly days: number, readonly channelId?: string) {
    super();
  }
}
