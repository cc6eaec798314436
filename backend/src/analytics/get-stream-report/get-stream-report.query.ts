import { Query } from '@nestjs/cqrs';
import type { StreamReportResponse } from './get-stream-report.response.js';

/** One stream of one of the user's channels, in full: its curve, its changes, its clips and VOD. */
export class GetStreamReport extends Query<StreamReportResponse> {
  constructor(
    readonly userId: string,
    readonly streamId: string,
  ) {
    super();
  }
}
