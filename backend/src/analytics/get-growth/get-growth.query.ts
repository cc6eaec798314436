import { Query } from '@nestjs/cqrs';
import type { GrowthPeriod } from '../shared/dates.js';
import type { GrowthResponse } from './get-growth.response.js';

export class GetGrowth extends Query<GrowthResponse> {
  constructor(
    readonly userId: string,
    readonly period: GrowthPeriod,
    readonly periods: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
