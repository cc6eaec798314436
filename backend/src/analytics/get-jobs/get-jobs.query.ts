import { Query } from '@nestjs/cqrs';
import type { JobsResponse } from './get-jobs.response.js';

export class GetJobs extends Query<JobsResponse> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly channelId?: string,
    readonly jobId?: string,
  ) {
    super();
  }
}
