/**
 * analytics_jobs: one row per collection job, from the events on its stream.
 *
 *   CollectionJobRequested  → status requested, what was asked, requested_position
 *   CollectionJobStarted    → status running (attempt > 1: resumed after the process stopped mid-job)
 *   ChannelCollected        → one more channel done, its requests and events added
 *   ChannelCollectionFailed → one more channel failed, with its error in `failures`
 *   CollectionJobCompleted  → status completed, the job's own totals, finished_position
 *   CollectionJobFailed     → status failed, error, finished_position
 *
 * A channel that failed and was then collected on a resumed attempt counts as collected. The
 * positions are the log positions of the job's first and last events, so a reader can wait until
 * every projection has passed `finished_position` (read-your-writes after a refresh).
 */
import type { CatalogueEvent } from './catalogue/event-catalogue.js';
import { defineProjection, type TableSpec } from './projection.js';
import { assertNever, isoTime } from './time.js';

export const analyticsJobsTable = {
  name: 'analytics_jobs',
  primaryKey: ['job_id'],
  columns: {
    job_id: 'text',
    kind: 'text',
    requested_by: 'text',
    broadcaster_ids: 'text[]',
    status: 'text',
    attempt: 'integer',
    channels_total: 'integer',
    channels_ok: 'integer',
    channels_failed: 'integer',
    requests: 'integer',
    events_written: 'integer',
    failures: 'jsonb',
    error: 'text',
    requested_position: 'text',
    finished_position: 'text',
    requested_at: 'timestamptz',
    started_at: 'timestamptz',
    finished_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export type JobStatus = 'requested' | 'running' | 'completed' | 'failed';

export interface JobFailure {
  [field: string]: string | number;
  broadcasterId: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface AnalyticsJob {
  [column: string]: string | number | string[] | JobFailure[] | null;
  job_id: string;
  kind: string;
  requested_by: string | null;
  broadcaster_ids: string[];
  status: JobStatus;
  attempt: number;
  channels_total: number;
  channels_ok: number;
  channels_failed: number;
  requests: number;
  events_written: number;
  failures: JobFailure[];
  error: string | null;
  requested_position: string | null;
  finished_position: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const TABLE = analyticsJobsTable.name;
type JobEvent = Extract<CatalogueEvent, { type: (typeof jobEventTypes)[number] }>;
const jobEventTypes = [
  'CollectionJobRequested',
  'CollectionJobStarted',
  'ChannelCollected',
  'ChannelCollectionFailed',
  'CollectionJobCompleted',
  'CollectionJobFailed',
] as const;

export const analyticsJobs = defineProjection({
  name: 'analytics-jobs',
  version: 1,
  handles: jobEventTypes,
  tables: [analyticsJobsTable],

  rowsToLoad: (event) => [{ table: TABLE, key: { job_id: event.data.jobId } }],

  apply(event, rows) {
    const existing = rows.get<AnalyticsJob>(TABLE, { job_id: event.data.jobId });
    const job = existing ? { ...existing, failures: [...existing.failures] } : placeholder(event);
    rows.put(TABLE, next(job, event));
  },
});

/** A job whose request event is missing (it should not happen): a row that says so rather than none. */
function placeholder(event: JobEvent): AnalyticsJob {
  return {
    job_id: event.data.jobId,
    kind: 'unknown',
    requested_by: null,
    broadcaster_ids: [],
    status: 'requested',
    attempt: 0,
    channels_total: 0,
    channels_ok: 0,
    channels_failed: 0,
    requests: 0,
    events_written: 0,
    failures: [],
    error: null,
    requested_position: null,
    finished_position: null,
    requested_at: isoTime(event.metadata.fetchedAt),
    started_at: null,
    finished_at: null,
  };
}

function next(job: AnalyticsJob, event: JobEvent): AnalyticsJob {
  switch (event.type) {
    case 'CollectionJobRequested': {
      const { kind, requestedBy, broadcasterIds, requestedAt } = event.data;
      return {
        ...job,
        kind,
        requested_by: requestedBy,
        broadcaster_ids: broadcasterIds,
        channels_total: broadcasterIds.length,
        requested_at: isoTime(requestedAt),
        requested_position: event.position,
      };
    }
    case 'CollectionJobStarted': {
      const finished = job.status === 'completed' || job.status === 'failed';
      return {
        ...job,
        status: finished ? job.status : 'running',
        attempt: Math.max(job.attempt, event.data.attempt),
        started_at: job.started_at ?? isoTime(event.data.startedAt),
      };
    }
    case 'ChannelCollected': {
      const { broadcasterId, requests, eventsWritten } = event.data;
      const failedBefore = job.failures.some((f) => f.broadcasterId === broadcasterId);
      return {
        ...job,
        channels_ok: job.channels_ok + 1,
        channels_failed: failedBefore ? job.channels_failed - 1 : job.channels_failed,
        failures: failedBefore ? job.failures.filter((f) => f.broadcasterId !== broadcasterId) : job.failures,
        requests: job.requests + requests,
        events_written: job.events_written + eventsWritten,
      };
    }
    case 'ChannelCollectionFailed': {
      const { broadcasterId, error, attempts, failedAt } = event.data;
      const others = job.failures.filter((f) => f.broadcasterId !== broadcasterId);
      return {
        ...job,
        channels_failed: job.channels_failed + (others.length === job.failures.length ? 1 : 0),
        failures: [...others, { broadcasterId, error, attempts, failedAt: isoTime(failedAt) }],
      };
    }
    case 'CollectionJobCompleted': {
      const { completedAt, channelsOk, channelsFailed, requests, eventsWritten } = event.data;
      return {
        ...job,
        status: 'completed',
        channels_ok: channelsOk,
        channels_failed: channelsFailed,
        requests,
        events_written: eventsWritten,
        finished_at: isoTime(completedAt),
        finished_position: event.position,
      };
    }
    case 'CollectionJobFailed':
      return {
        ...job,
        status: 'failed',
        error: event.data.error,
        finished_at: isoTime(event.data.failedAt),
        finished_position: event.position,
      };
    default:
      return assertNever(event);
  }
}
