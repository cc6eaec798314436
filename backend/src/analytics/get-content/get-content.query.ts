import { Query } from '@nestjs/cqrs';
import type { GainWindow } from '../analytics-query.dto.js';
import type { ContentResponse } from './get-content.response.js';

export class GetContent extends Query<ContentResponse> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly window: GainWindow,
    readonly channelId?: string,
  ) {
    super();
  }
}
