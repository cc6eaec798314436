/**
 * reconstructed history: what a backfill rebuilt of a channel's past, kept apart from what was
 * observed, so a reader always knows which figure is an estimate.
 *
 *   FollowerCountReconstructed  → followers_reconstructed: a lower bound of the follower total at
 *                                 the end of a day. Several backfills may reconstruct a day; the
 *                                 highest lower bound is the best one, so it wins.
 *   StreamSessionReconstructed  → stream_sessions_reconstructed: a past stream from its archive
 *                                 (start, duration, title); no viewer figures.
 *
 * Readers combine these with channel_analytics and stream_sessions: an observed day or session
 * wins where both exist, and a reconstructed one is marked `reconstructed` in the API.
 */
import { defineProjection, type TableSpec } from './projection.js';
import { assertNever, isoTime } from './time.js';

export const followersReconstructedTable = {
  name: 'followers_reconstructed',
  primaryKey: ['channel_id', 'day'],
  columns: {
    channel_id: 'text',
    day: 'date',
    followers: 'bigint',
    total_at_fetch: 'bigint',
    fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export const streamSessionsReconstructedTable = {
  name: 'stream_sessions_reconstructed',
  primaryKey: ['channel_id', 'stream_id'],
  columns: {
    channel_id: 'text',
    stream_id: 'text',
    video_id: 'text',
    started_at: 'timestamptz',
    ended_at: 'timestamptz',
    duration_seconds: 'integer',
    title: 'text',
  },
} as const satisfies TableSpec;

const FOLLOWERS = followersReconstructedTable.name;
const SESSIONS = streamSessionsReconstructedTable.name;

export const reconstructedHistory = defineProjection({
  name: 'reconstructed_history',
  version: 1,
  handles: ['FollowerCountReconstructed', 'StreamSessionReconstructed'],
  tables: [followersReconstructedTable, streamSessionsReconstructedTable],
  parallel: 'by-channel',

  rowsToLoad: (event) =>
    event.type === 'FollowerCountReconstructed'
      ? [{ table: FOLLOWERS, key: { channel_id: event.data.broadcasterId, day: event.data.day } }]
      : [],

  apply(event, rows) {
    switch (event.type) {
      case 'FollowerCountReconstructed': {
        const key = { channel_id: event.data.broadcasterId, day: event.data.day };
        const existing = rows.get<{ followers: number }>(FOLLOWERS, key);
        if (existing && existing.followers >= event.data.followers) return;
        rows.put(FOLLOWERS, {
          ...key,
          followers: event.data.followers,
          total_at_fetch: event.data.totalAtFetch,
          fetched_at: isoTime(event.metadata.fetchedAt),
        });
        return;
      }
      case 'StreamSessionReconstructed': {
        const startedAt = isoTime(event.data.startedAt);
        rows.put(SESSIONS, {
          channel_id: event.data.broadcasterId,
          stream_id: event.data.streamId,
          video_id: event.data.videoId,
          started_at: startedAt,
          ended_at: new Date(Date.parse(startedAt) + event.data.durationSeconds * 1000).toISOString(),
          duration_seconds: event.data.durationSeconds,
          title: event.data.title,
        });
        return;
      }
      default:
        return assertNever(event);
    }
  },
});
