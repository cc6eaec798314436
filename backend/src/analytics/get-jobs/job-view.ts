/** What the caller may see of one analytics_jobs row (pure: the privacy rule lives here, tested directly). */
import { dto } from '../../dto.js';
import { JobChannelDto, JobCountsDto, JobDto, type ChannelOutcome } from './get-jobs.response.js';

export interface JobRow {
  job_id: string;
  kind: string;
  requested_by: string | null;
  broadcaster_ids: string[];
  status: string;
  channels_total: number;
  channels_ok: number;
  channels_failed: number;
  requests: number;
  events_written: number;
  failures: unknown;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const FINISHED = new Set(['completed', 'failed']);

/** The failure entries, keyed by channel; entries name their channel as `broadcasterId` (or `broadcaster_id`). */
function failuresByChannel(failures: unknown): Map<string, string | null> {
  const byChannel = new Map<string, string | null>();
  if (!Array.isArray(failures)) return byChannel;
  for (const entry of failures) {
    if (!entry || typeof entry !== 'object') continue;
    const f = entry as Record<string, unknown>;
    const id = f.broadcasterId ?? f.broadcaster_id;
    if (typeof id === 'string') byChannel.set(id, typeof f.error === 'string' ? f.error : null);
  }
  return byChannel;
}

export function jobView(row: JobRow, userId: string, ownChannels: ReadonlySet<string>): JobDto {
  const requestedByYou = row.requested_by === userId;
  const failures = failuresByChannel(row.failures);
  const finished = FINISHED.has(row.status);
  const outcome = (id: string): ChannelOutcome =>
    failures.has(id)
      ? 'failed'
      : row.status === 'completed'
        ? 'collected'
        : row.status === 'failed'
          ? 'not_collected'
          : 'pending';
  const processed = row.channels_ok + row.channels_failed;
  return dto(JobDto, {
    jobId: row.job_id,
    kind: row.kind,
    status: row.status,
    requestedByYou,
    progressPct: finished
      ? 100
      : row.channels_total > 0
        ? Math.min(100, Math.floor((processed / row.channels_total) * 100))
        : 0,
    channels: row.broadcaster_ids
      .filter((id) => ownChannels.has(id))
      .map((id) => dto(JobChannelDto, { id, outcome: outcome(id), error: failures.get(id) ?? null })),
    counts: requestedByYou
      ? dto(JobCountsDto, {
          channelsTotal: row.channels_total,
          channelsOk: row.channels_ok,
          channelsFailed: row.channels_failed,
          requests: row.requests,
          eventsWritten: row.events_written,
        })
      : null,
    error: requestedByYou ? row.error : null,
    requestedAt: row.requested_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  });
}
