import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { readRows } from '../shared/read-rows.js';
import { GetJobs } from './get-jobs.query.js';
import { JobsResponse } from './get-jobs.response.js';
import { dto } from '../../dto.js';
import { jobView, type JobRow } from './job-view.js';

/** Jobs the user requested (optionally only those with channel $3), and other jobs that included one of the channels $2; optionally only job $5. */
const JOBS_SQL = `
  SELECT job_id, kind, requested_by, broadcaster_ids, status, channels_total, channels_ok, channels_failed, requests,
         events_written, failures, error, requested_at, started_at, finished_at
    FROM analytics_jobs
   WHERE ((requested_by = $1 AND ($3::text IS NULL OR $3 = ANY (broadcaster_ids))) OR broadcaster_ids && $2::text[])
     AND ($5::text IS NULL OR job_id = $5)
   ORDER BY requested_at DESC, job_id
   LIMIT $4`;

@QueryHandler(GetJobs)
export class GetJobsHandler implements IQueryHandler<GetJobs> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetJobs): Promise<JobsResponse> {
    const channels = query.channelId
      ? [(await this.channels.resolve(query.userId, query.channelId)).id]
      : await this.channels.ownedIds(query.userId);
    const own = query.channelId ? new Set(await this.channels.ownedIds(query.userId)) : new Set(channels);
    const rows = await readRows<JobRow>(this.pool, JOBS_SQL, [
      query.userId,
      channels,
      query.channelId ?? null,
      query.limit,
      query.jobId ?? null,
    ]);
    return dto(JobsResponse, { jobs: rows.map((row) => jobView(row, query.userId, own)) });
  }
}
