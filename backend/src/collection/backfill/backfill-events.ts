/** The backfill's own events on `collection-job-<jobId>`, with ids that make re-appending them harmless. */
import type { EventData } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import { fact } from '../facts/fact.js';
import type { JobEventContext } from '../jobs/job-events.js';

const context = (c: JobEventContext) => ({ correlationId: c.jobId, source: c.source, fetchedAt: c.at });

export const backfillRequested = (c: JobEventContext, data: Omit<EventData<'BackfillRequested'>, 'jobId'>): NewEvent =>
  fact('BackfillRequested', { jobId: c.jobId, ...data }, [c.jobId], context(c));

export const progressRecorded = (
  c: JobEventContext,
  data: Omit<EventData<'BackfillProgressRecorded'>, 'jobId' | 'recordedAt'>,
): NewEvent =>
  fact(
    'BackfillProgressRecorded',
    { jobId: c.jobId, ...data, recordedAt: c.at.toISOString() },
    [c.jobId, data.broadcasterId, data.kind, data.pages, data.cursor ?? '', data.skip, String(data.done)],
    context(c),
  );

export const backfillEstimated = (c: JobEventContext, data: Omit<EventData<'BackfillEstimated'>, 'jobId'>): NewEvent =>
  fact('BackfillEstimated', { jobId: c.jobId, ...data }, [c.jobId, data.broadcasterId], context(c));

export const backfillCancelled = (c: JobEventContext, cancelledBy: string | null): NewEvent =>
  fact('BackfillCancelled', { jobId: c.jobId, cancelledBy, cancelledAt: c.at.toISOString() }, [c.jobId], context(c));
