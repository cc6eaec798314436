/** A collection request's 202 answer, described for the OpenAPI document (the dashboard's types come from it). */
import { ApiProperty } from '@nestjs/swagger';
import { jobKinds, type JobKind } from '@creatorsync/projections';

export class JobAcceptedResponse {
  @ApiProperty()
  jobId!: string;

  @ApiProperty({ description: 'Send as X-Consistency-Token: queries then wait until they include this job' })
  consistencyToken!: string;

  @ApiProperty({ enum: jobKinds })
  kind!: JobKind;

  @ApiProperty({ type: [String], description: 'Broadcaster ids the job collects' })
  channels!: string[];

  @ApiProperty({ enum: ['requested'] })
  status!: 'requested';
}
