import { Query } from '@nestjs/cqrs';
import type { DetailedResponse } from './get-detailed.response.js';

export class GetDetailed extends Query<DetailedResponse> {
  constructor(
    readonly userId: string,
    readonly days: number,
    readonly page: number,
    readonly pageSize: number,
    readonly channelId?: string,
  ) {
    super();
  }
}
