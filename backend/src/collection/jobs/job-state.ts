/**
 * A collection job as its own stream tells it (pure fold): what was asked, how many times a worker
 * started it, which channels are done (collected or failed) and whether it has finished. A worker
 * resuming a job after a crash collects only the channels not done yet.
 */
import type { EventData, EventMetadata, JobKind } from '@creatorsync/projections';

export interface JobState {
  jobId: string;
  kind: JobKind;
  requestedBy: string | null;
  broadcasterIds: string[];
  source: EventMetadata['source'];
  attempts: number;
  collected: Map<string, { requests: number; eventsWritten: number }>;
  failed: Map<string, string>;
  finished: 'completed' | 'failed' | null;
  /** Revision of the stream's last event. */
  revision: bigint;
}

export interface JobStreamEvent {
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`No collection job "${jobId}"`);
    this.name = 'JobNotFoundError';
  }
}

export function jobStateOf(jobId: string, events: readonly JobStreamEvent[]): JobState {
  const requested = events.find((e) => e.type === 'CollectionJobRequested');
  if (!requested) throw new JobNotFoundError(jobId);
  const asked = requested.data as EventData<'CollectionJobRequested'>;
  const state: JobState = {
    jobId,
    kind: asked.kind,
    requestedBy: asked.requestedBy,
    broadcasterIds: asked.broadcasterIds,
    source: (requested.metadata as EventMetadata).source,
    attempts: 0,
    collected: new Map(),
    failed: new Map(),
    finished: null,
    revision: -1n,
  };
  for (const event of events) {
    state.revision = event.revision;
    switch (event.type) {
      case 'CollectionJobStarted':
        state.attempts = Math.max(state.attempts, (event.data as EventData<'CollectionJobStarted'>).attempt);
        break;
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
      case 'CollectionJobCompleted':
        state.finished = 'completed';
        break;
      case 'CollectionJobFailed':
        state.finished = 'failed';
        break;
    }
  }
  return state;
}

/** Channels the job still has to collect, in the order asked. */
export const remainingChannels = (state: JobState): string[] =>
  state.broadcasterIds.filter((id) => !state.collected.has(id) && !state.failed.has(id));

export const doneChannels = (state: JobState): string[] =>
  state.broadcasterIds.filter((id) => state.collected.has(id) || state.failed.has(id));
