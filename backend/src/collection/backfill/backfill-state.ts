/**
 * A backfill job as its stream `collection-job-<jobId>` tells it (pure fold): what was asked, the
 * last recorded progress of each channel and kind (the cursor a resumed walk starts at), which
 * channels are done, the dry run's estimates, and whether it finished or was cancelled.
 */
import type { BackfillKind, EventData, EventMetadata } from '@creatorsync/projections';
import { JobNotFoundError, type JobStreamEvent } from '../jobs/job-state.js';

export type Progress = EventData<'BackfillProgressRecorded'>;
export type Estimate = EventData<'BackfillEstimated'>;

export interface BackfillState {
  jobId: string;
  request: EventData<'BackfillRequested'>;
  requestedBy: string | null;
  requestedAt: string;
  broadcasterIds: string[];
  source: EventMetadata['source'];
  attempts: number;
  startedAt: string | null;
  /** `<broadcasterId>:<kind>` → the last progress recorded. */
  progress: Map<string, Progress>;
  estimates: Map<string, Estimate>;
  collected: Map<string, { requests: number; eventsWritten: number }>;
  failed: Map<string, string>;
  cancelled: EventData<'BackfillCancelled'> | null;
  finished: 'completed' | 'failed' | null;
  finishedAt: string | null;
  totals: { requests: number; eventsWritten: number } | null;
  revision: bigint;
}

export const progressKey = (broadcasterId: string, kind: BackfillKind) => `${broadcasterId}:${kind}`;

export function backfillStateOf(jobId: string, events: readonly JobStreamEvent[]): BackfillState {
  const requested = events.find((e) => e.type === 'CollectionJobRequested');
  const asked = events.find((e) => e.type === 'BackfillRequested');
  if (!requested || !asked) throw new JobNotFoundError(jobId);
  const job = requested.data as EventData<'CollectionJobRequested'>;
  const state: BackfillState = {
    jobId,
    request: asked.data as EventData<'BackfillRequested'>,
    requestedBy: job.requestedBy,
    requestedAt: job.requestedAt,
    broadcasterIds: job.broadcasterIds,
    source: (requested.metadata as EventMetadata).source,
    attempts: 0,
    startedAt: null,
    progress: new Map(),
    estimates: new Map(),
    collected: new Map(),
    failed: new Map(),
    cancelled: null,
    finished: null,
    finishedAt: null,
    totals: null,
    revision: -1n,
  };
  for (const event of events) {
    state.revision = event.revision;
    switch (event.type) {
      case 'CollectionJobStarted': {
        const data = event.data as EventData<'CollectionJobStarted'>;
        state.attempts = Math.max(state.attempts, data.attempt);
        state.startedAt ??= data.startedAt;
        break;
      }
      case 'BackfillProgressRecorded': {
        const data = event.data as Progress;
        state.progress.set(progressKey(data.broadcasterId, data.kind), data);
        break;
      }
      case 'BackfillEstimated': {
        const data = event.data as Estimate;
        state.estimates.set(data.broadcasterId, data);
        break;
      }
      case 'ChannelCollected': {
        const data = event.data as EventData<'ChannelCollected'>;
        state.collected.set(data.broadcasterId, { requests: data.requests, eventsWritten: data.eventsWritten });
        break;
      }
      case 'ChannelCollectionFailed': {
        const data = event.data as EventData<'ChannelCollectionFailed'>;
        state.failed.set(data.broadcasterId, data.error);
        break;
      }
      case 'BackfillCancelled':
        state.cancelled = event.data as EventData<'BackfillCancelled'>;
        break;
      case 'CollectionJobCompleted': {
        const data = event.data as EventData<'CollectionJobCompleted'>;
        state.finished = 'completed';
        state.finishedAt = data.completedAt;
        state.totals = { requests: data.requests, eventsWritten: data.eventsWritten };
        break;
      }
      case 'CollectionJobFailed':
        state.finished = 'failed';
        state.finishedAt = (event.data as EventData<'CollectionJobFailed'>).failedAt;
        break;
    }
  }
  return state;
}

export type BackfillStatus = 'requested' | 'running' | 'completed' | 'failed' | 'cancelled';

export function statusOf(state: BackfillState): BackfillStatus {
  if (state.cancelled) return 'cancelled';
  if (state.finished) return state.finished;
  return state.attempts > 0 ? 'running' : 'requested';
}

export const remainingBackfillChannels = (state: BackfillState): string[] =>
  state.broadcasterIds.filter((id) => !state.collected.has(id) && !state.failed.has(id));
