/** The events of a job's stream `collection-job-<jobId>`, with ids that make re-appending them harmless. */
import type { EventData, EventMetadata } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import { fact } from '../facts/fact.js';

export interface JobEventContext {
  jobId: string;
  source: EventMetadata['source'];
  at: Date;
}

const context = (c: JobEventContext) => ({ correlationId: c.jobId, source: c.source, fetchedAt: c.at });

export const jobRequested = (
  c: JobEventContext,
  data: Omit<EventData<'CollectionJobRequested'>, 'jobId' | 'requestedAt'>,
): NewEvent =>
  fact('CollectionJobRequested', { jobId: c.jobId, ...data, requestedAt: c.at.toISOString() }, [c.jobId], context(c));

export const jobStarted = (c: JobEventContext, attempt: number, alreadyDone: string[]): NewEvent =>
  fact(
    'CollectionJobStarted',
    { jobId: c.jobId, startedAt: c.at.toISOString(), attempt, alreadyDone },
    [c.jobId, attempt],
    context(c),
  );

export const channelCollected = (
  c: JobEventContext,
  data: { broadcasterId: string; requests: number; eventsWritten: number; attempts: number },
): NewEvent =>
  fact(
    'ChannelCollected',
    { jobId: c.jobId, ...data, collectedAt: c.at.toISOString() },
    [c.jobId, data.broadcasterId],
    context(c),
  );

export const channelCollectionFailed = (
  c: JobEventContext,
  data: { broadcasterId: string; error: string; attempts: number },
): NewEvent =>
  fact(
    'ChannelCollectionFailed',
    { jobId: c.jobId, ...data, failedAt: c.at.toISOString() },
    [c.jobId, data.broadcasterId],
    context(c),
  );

export const jobCompleted = (
  c: JobEventContext,
  totals: { channelsOk: number; channelsFailed: number; requests: number; eventsWritten: number },
): NewEvent =>
  fact('CollectionJobCompleted', { jobId: c.jobId, completedAt: c.at.toISOString(), ...totals }, [c.jobId], context(c));

export const jobFailed = (c: JobEventContext, error: string): NewEvent =>
  fact('CollectionJobFailed', { jobId: c.jobId, failedAt: c.at.toISOString(), error }, [c.jobId], context(c));
