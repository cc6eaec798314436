/**
 * What the admin console shows of recent work: the newest collection runs of every user (the
 * scheduled daily runs, triggers, refreshes and backfills), and the Helix requests they made per
 * hour, from analytics_jobs. A job's requests count in the hour it started: jobs last seconds to
 * minutes, and the job row keeps only its total.
 */
import type pg from 'pg';
import { readRows } from '../shared/read-rows.js';
import { dto } from '../../dto.js';
import { AdminJobDto, HelixHourDto } from './get-system-stats.response.js';

export const RECENT_JOBS = 25;
export const REQUEST_HOURS = 48;

interface JobRow {
  job_id: string;
  kind: string;
  requested_by: string | null;
  status: string;
  channels_total: number;
  channels_ok: number;
  channels_failed: number;
  requests: number;
  events_written: number;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const RECENT_JOBS_SQL = `
  SELECT job_id, kind, requested_by, status, channels_total, channels_ok, channels_failed, requests, events_written,
         error, requested_at, started_at, finished_at
    FROM analytics_jobs
   ORDER BY requested_at DESC, job_id
   LIMIT $1`;

/** Every hour of the window, the empty ones too, so a chart shows quiet hours as zero. */
const REQUESTS_BY_HOUR_SQL = `
  WITH hours AS (
    SELECT generate_series(date_trunc('hour', $1::timestamptz) - ($2::int - 1) * interval '1 hour',
                           date_trunc('hour', $1::timestamptz), interval '1 hour') AS hour)
  SELECT h.hour, coalesce(sum(j.requests), 0)::int AS requests, count(j.job_id)::int AS jobs
    FROM hours h
    LEFT JOIN analytics_jobs j ON date_trunc('hour', coalesce(j.started_at, j.requested_at)) = h.hour
   GROUP BY h.hour
   ORDER BY h.hour`;

export async function recentJobs(pool: pg.Pool): Promise<AdminJobDto[]> {
  const rows = await readRows<JobRow>(pool, RECENT_JOBS_SQL, [RECENT_JOBS]);
  return rows.map((r) =>
    dto(AdminJobDto, {
      jobId: r.job_id,
      kind: r.kind,
      requestedBy: r.requested_by,
      status: r.status,
      channelsTotal: r.channels_total,
      channelsOk: r.channels_ok,
      channelsFailed: r.channels_failed,
      requests: r.requests,
      eventsWritten: r.events_written,
      error: r.error,
      requestedAt: r.requested_at.toISOString(),
      startedAt: r.started_at?.toISOString() ?? null,
      finishedAt: r.finished_at?.toISOString() ?? null,
    }),
  );
}

export async function helixRequestsByHour(pool: pg.Pool, now: Date): Promise<HelixHourDto[]> {
  const rows = await readRows<{ hour: Date; requests: number; jobs: number }>(pool, REQUESTS_BY_HOUR_SQL, [
    now,
    REQUEST_HOURS,
  ]);
  return rows.map((r) => dto(HelixHourDto, { hour: r.hour.toISOString(), requests: r.requests, jobs: r.jobs }));
}
