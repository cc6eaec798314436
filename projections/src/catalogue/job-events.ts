/**
 * Facts about a collection job, on its stream `collection-job-<jobId>`. A job is one run (daily,
 * manual trigger, refresh, admin daily, backfill) over a set of channels; its events say what was
 * asked, what happened to each channel, and how it ended. `analytics_jobs` is projected from them.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const jobKinds = ['daily', 'trigger', 'refresh', 'admin_daily', 'backfill', 'live_poll'] as const;
export type JobKind = (typeof jobKinds)[number];

export const CollectionJobRequestedV1 = z.object({
  jobId: z.string().min(1),
  kind: z.enum(jobKinds),
  /** The CreatorSync user who asked (null for the scheduler). */
  requestedBy: z.string().nullable(),
  broadcasterIds: z.array(z.string().min(1)),
  requestedAt: isoTime,
});

/** A worker began (or, after a restart, resumed) the job; `resumed` lists channels already done. */
export const CollectionJobStartedV1 = z.object({
  jobId: z.string().min(1),
  startedAt: isoTime,
  /** 1 for the first start; higher when the job was resumed after the process stopped mid-job. */
  attempt: z.number().int().positive(),
  alreadyDone: z.array(z.string()),
});

export const ChannelCollectedV1 = z.object({
  jobId: z.string().min(1),
  broadcasterId: z.string().min(1),
  requests: z.number().int().nonnegative(),
  eventsWritten: z.number().int().nonnegative(),
  attempts: z.number().int().positive(),
  collectedAt: isoTime,
});

export const ChannelCollectionFailedV1 = z.object({
  jobId: z.string().min(1),
  broadcasterId: z.string().min(1),
  error: z.string(),
  attempts: z.number().int().positive(),
  failedAt: isoTime,
});

export const CollectionJobCompletedV1 = z.object({
  jobId: z.string().min(1),
  completedAt: isoTime,
  channelsOk: z.number().int().nonnegative(),
  channelsFailed: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  eventsWritten: z.number().int().nonnegative(),
});

export const CollectionJobFailedV1 = z.object({
  jobId: z.string().min(1),
  failedAt: isoTime,
  error: z.string(),
});
