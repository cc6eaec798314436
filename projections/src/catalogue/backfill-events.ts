/**
 * Backfills: what Twitch still holds of a channel's past, recorded by a backfill job
 * (`metadata.source` = 'backfill'). Two kinds of fact:
 * - raw: `FollowersListed` keeps the follower objects of GET /channels/followers exactly as
 *   returned (grouped by the UTC day of `followed_at`, because the list is live and its pages shift
 *   between runs: grouping by day lets a re-run carry the same event ids). Videos and clips are
 *   recorded as the ordinary `VideoStatsFetched` / `ClipStatsFetched`.
 * - reconstructed: figures derived from those lists, marked `reconstructed: true`. They are
 *   estimates (lower bounds, unknown viewer curves); observed facts win wherever both exist.
 * The job's own facts (what was asked, the recorded cursor, the cancel) sit on `collection-job-<id>`.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const isoDay = z.iso.date();

export const backfillKinds = ['followers', 'videos', 'clips'] as const;
export type BackfillKind = (typeof backfillKinds)[number];

/** Current followers whose `followed_at` falls on `day` (UTC), as GET /channels/followers listed them. */
export const FollowersListedV1 = z.object({
  broadcasterId: z.string().min(1),
  day: isoDay,
  /** The Helix follower objects as returned (user_id, user_login, user_name, followed_at, …). */
  followers: z.array(z.looseObject({ user_id: z.string(), followed_at: isoTime })),
  /** The list's `total` when the walk began. */
  totalAtFetch: z.number().int().nonnegative(),
});

/**
 * The follower total at the end of a past UTC day, reconstructed from the current list: followers
 * now minus those who followed after that day. A lower bound, since unfollowers are not listed.
 */
export const FollowerCountReconstructedV1 = z.object({
  broadcasterId: z.string().min(1),
  day: isoDay,
  followers: z.number().int().nonnegative(),
  totalAtFetch: z.number().int().nonnegative(),
  reconstructed: z.literal(true),
  lowerBound: z.literal(true),
});

/** A past stream rebuilt from its archive (VOD): start, duration and title; the viewer curve is unknown. */
export const StreamSessionReconstructedV1 = z.object({
  broadcasterId: z.string().min(1),
  /** The archive's `stream_id` (the live stream's id), or the video id when Twitch gave none. */
  streamId: z.string().min(1),
  videoId: z.string().min(1),
  startedAt: isoTime,
  durationSeconds: z.number().int().nonnegative(),
  title: z.string(),
  /** Unknown, not zero: no viewer samples exist for a reconstructed stream. */
  averageViewers: z.null(),
  peakViewers: z.null(),
  reconstructed: z.literal(true),
});

/** What the backfill job was asked, recorded with its CollectionJobRequested (kind 'backfill'). */
export const BackfillRequestedV1 = z.object({
  jobId: z.string().min(1),
  from: isoDay,
  to: isoDay,
  kinds: z.array(z.enum(backfillKinds)).min(1),
  dryRun: z.boolean(),
  /** True when the channels were "all connected channels" at request time. */
  allChannels: z.boolean(),
});

/**
 * How far a channel's walk of one kind got: the cursor to resume at (`after` of the page to
 * fetch next, or the next clip window's start), and the counters a resumed walk continues from.
 */
export const BackfillProgressRecordedV1 = z.object({
  jobId: z.string().min(1),
  broadcasterId: z.string().min(1),
  kind: z.enum(backfillKinds),
  /** Null: start from the first page. */
  cursor: z.string().nullable(),
  /** Items of the page at `cursor` already accounted for (skipped on resume). */
  skip: z.number().int().nonnegative(),
  /** Followers: how many the walk has counted (newest first) before the cursor's page; others: 0. */
  seen: z.number().int().nonnegative(),
  /** Followers: the list's total when the walk began. */
  totalAtFetch: z.number().int().nonnegative().nullable(),
  /** Followers: the next day whose count is not recorded yet (the walk goes back in time). */
  nextDay: isoDay.nullable(),
  pages: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  eventsWritten: z.number().int().nonnegative(),
  /** Requests still expected, for the ETA (an estimate). */
  remainingRequests: z.number().int().nonnegative(),
  done: z.boolean(),
  recordedAt: isoTime,
});

/** The estimate of a dry run: the requests it would make, and how long at the current budget. */
export const BackfillEstimatedV1 = z.object({
  jobId: z.string().min(1),
  broadcasterId: z.string().min(1),
  requests: z.array(z.object({ kind: z.enum(backfillKinds), endpoint: z.string(), count: z.number().int() })),
  totalRequests: z.number().int().nonnegative(),
  estimatedSeconds: z.number().nonnegative(),
  requestsPerMinute: z.number().positive(),
});

/** An admin cancelled the job: the worker stops at its next page; what it recorded stays. */
export const BackfillCancelledV1 = z.object({
  jobId: z.string().min(1),
  cancelledBy: z.string().nullable(),
  cancelledAt: isoTime,
});
