/**
 * stream_sessions: one row per stream (Twitch's stream id).
 *
 *   LiveStreamSampled     → the stream's row: started (Twitch's started_at), viewers time-weighted
 *                           between samples (see live/viewer-curve.ts), peak, titles and games in
 *                           the order they appeared, with hours and viewer-hours per game
 *   StreamWentOffline     → ended_at = the last sample that saw it live (the end lies between that
 *                           and the offline fetch; the last sight is what we know)
 *   FollowerCountFetched  → the channel's latest follower count (stream_sessions_state)
 *
 * Followers: followers_at_start is the channel's last known count when the stream's first sample
 * is recorded; followers_gained is the latest count fetched since the stream started minus it,
 * refreshed by each sample and by the offline event, null when no count was fetched in between.
 *
 * duration_hours runs from started_at to ended_at (or, while live, to the last sample);
 * hours_watched is the area under the viewer curve; avg_viewers = hours_watched / duration_hours.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import {
  advanceByOffline,
  advanceBySample,
  pieceHours,
  pieceViewerHours,
  sampleInput,
  type AirtimePiece,
  type LiveCursor,
} from './live/viewer-curve.js';
import { defineProjection, type RowSet, type TableSpec } from './projection.js';
import { assertNever, HOUR_MS, isoTime, timeMs } from './time.js';

export const streamSessionsTable = {
  name: 'stream_sessions',
  primaryKey: ['channel_id', 'stream_id'],
  columns: {
    channel_id: 'text',
    stream_id: 'text',
    started_at: 'timestamptz',
    ended_at: 'timestamptz',
    duration_hours: 'double',
    peak_viewers: 'integer',
    avg_viewers: 'double',
    hours_watched: 'double',
    titles: 'text[]',
    games: 'jsonb',
    followers_at_start: 'bigint',
    followers_gained: 'bigint',
    samples: 'integer',
    last_sampled_at: 'timestamptz',
    last_viewers: 'integer',
    last_game_id: 'text',
  },
} as const satisfies TableSpec;

export const streamSessionsStateTable = {
  name: 'stream_sessions_state',
  primaryKey: ['channel_id'],
  columns: { channel_id: 'text', last_followers: 'bigint', last_followers_at: 'timestamptz' },
} as const satisfies TableSpec;

/** Time per game within a stream (stream_sessions.games), in the order the games appeared. */
export interface SessionGame {
  [field: string]: string | number | null;
  game_id: string;
  game_name: string | null;
  hours: number;
  hours_watched: number;
}

export interface StreamSession {
  [column: string]: string | number | string[] | SessionGame[] | null;
  channel_id: string;
  stream_id: string;
  started_at: string;
  ended_at: string | null;
  duration_hours: number;
  peak_viewers: number;
  avg_viewers: number;
  hours_watched: number;
  titles: string[];
  games: SessionGame[];
  followers_at_start: number | null;
  followers_gained: number | null;
  samples: number;
  last_sampled_at: string | null;
  last_viewers: number | null;
  last_game_id: string | null;
}

interface FollowerState {
  [column: string]: string | number | null;
  channel_id: string;
  last_followers: number | null;
  last_followers_at: string | null;
}

const SESSIONS = streamSessionsTable.name;
const STATE = streamSessionsStateTable.name;

export const streamSessions = defineProjection({
  name: 'stream-sessions',
  version: 1,
  handles: ['LiveStreamSampled', 'StreamWentOffline', 'FollowerCountFetched'],
  tables: [streamSessionsTable, streamSessionsStateTable],
  parallel: 'by-channel',

  rowsToLoad(event) {
    const channel_id = event.data.broadcasterId;
    const state = { table: STATE, key: { channel_id } };
    switch (event.type) {
      case 'LiveStreamSampled':
        return [state, { table: SESSIONS, key: { channel_id, stream_id: event.data.stream.id } }];
      case 'StreamWentOffline':
        return [state, { table: SESSIONS, key: { channel_id, stream_id: event.data.streamId } }];
      case 'FollowerCountFetched':
        return [state];
      default:
        return assertNever(event);
    }
  },

  apply(event, rows) {
    switch (event.type) {
      case 'LiveStreamSampled': {
        recordSample(rows, event);
        return;
      }
      case 'StreamWentOffline': {
        recordOffline(rows, event);
        return;
      }
      case 'FollowerCountFetched': {
        recordFollowers(rows, event);
        return;
      }
      default:
        return assertNever(event);
    }
  },
});

function recordFollowers(rows: RowSet, event: EventOfType<'FollowerCountFetched'>): void {
  const channel_id = event.data.broadcasterId;
  const at = isoTime(event.metadata.fetchedAt);
  const state = rows.get<FollowerState>(STATE, { channel_id });
  if (state?.last_followers_at && state.last_followers_at > at) return; // a late fetch: the newer count stays
  rows.put(STATE, { channel_id, last_followers: event.data.total, last_followers_at: at });
}

function recordSample(rows: RowSet, event: EventOfType<'LiveStreamSampled'>): void {
  const channel_id = event.data.broadcasterId;
  const { stream } = event.data;
  const existing = rows.get<StreamSession>(SESSIONS, { channel_id, stream_id: stream.id });
  const sample = sampleInput(event);
  const outcome = advanceBySample(existing ? cursorOf(existing) : null, sample);
  if (outcome.kind === 'late') return;

  const followers = rows.get<FollowerState>(STATE, { channel_id });
  // Games are changed in place: the session is put after.
  const session =
    existing ?? newSession(channel_id, stream.id, outcome.cursor.startedAt, followers?.last_followers ?? null);
  addPieces(session, outcome.pieces);
  if (!session.games.some((g) => g.game_id === sample.gameId))
    session.games.push({ game_id: sample.gameId, game_name: sample.gameName, hours: 0, hours_watched: 0 });
  if (stream.title && !session.titles.includes(stream.title)) session.titles = [...session.titles, stream.title];
  session.samples += 1;
  session.peak_viewers = Math.max(session.peak_viewers, sample.viewers);
  session.last_sampled_at = sample.at;
  session.last_viewers = sample.viewers;
  session.last_game_id = sample.gameId;
  session.ended_at = null; // seen live (again)
  finish(session, followers);
  rows.put(SESSIONS, session);
}

function recordOffline(rows: RowSet, event: EventOfType<'StreamWentOffline'>): void {
  const channel_id = event.data.broadcasterId;
  const { streamId, startedAt, lastSampledAt } = event.data;
  const existing = rows.get<StreamSession>(SESSIONS, { channel_id, stream_id: streamId });
  const followers = rows.get<FollowerState>(STATE, { channel_id });
  const lastSeen = isoTime(lastSampledAt);
  const session = existing ?? newSession(channel_id, streamId, isoTime(startedAt), followers?.last_followers ?? null);
  const tail = advanceByOffline(cursorOf(session), streamId, lastSeen);
  if (tail) addPieces(session, tail.pieces);
  session.ended_at = session.last_sampled_at && session.last_sampled_at > lastSeen ? session.last_sampled_at : lastSeen;
  finish(session, followers);
  rows.put(SESSIONS, session);
}

function newSession(
  channel_id: string,
  stream_id: string,
  started_at: string,
  followersAtStart: number | null,
): StreamSession {
  return {
    channel_id,
    stream_id,
    started_at,
    ended_at: null,
    duration_hours: 0,
    peak_viewers: 0,
    avg_viewers: 0,
    hours_watched: 0,
    titles: [],
    games: [],
    followers_at_start: followersAtStart,
    followers_gained: null,
    samples: 0,
    last_sampled_at: null,
    last_viewers: null,
    last_game_id: null,
  };
}

function cursorOf(session: StreamSession): LiveCursor | null {
  if (!session.last_sampled_at) return null;
  const lastGameId = session.last_game_id ?? '';
  return {
    streamId: session.stream_id,
    startedAt: session.started_at,
    startedAtMs: timeMs(session.started_at),
    lastAt: session.last_sampled_at,
    lastAtMs: timeMs(session.last_sampled_at),
    lastViewers: session.last_viewers ?? 0,
    lastGameId,
    lastGameName: session.games.find((g) => g.game_id === lastGameId)?.game_name ?? null,
  };
}

/** Adds airtime pieces to the session's totals and to the games they belong to. */
function addPieces(session: StreamSession, pieces: readonly AirtimePiece[]): void {
  for (const piece of pieces) {
    const viewerHours = pieceViewerHours(piece);
    session.hours_watched += viewerHours;
    let game = session.games.find((g) => g.game_id === piece.gameId);
    if (!game)
      session.games.push((game = { game_id: piece.gameId, game_name: piece.gameName, hours: 0, hours_watched: 0 }));
    game.hours += pieceHours(piece);
    game.hours_watched += viewerHours;
  }
}

/** The derived columns: duration, average, followers gained. */
function finish(session: StreamSession, followers: FollowerState | undefined): void {
  const end = session.ended_at ?? session.last_sampled_at ?? session.started_at;
  session.duration_hours = Math.max(0, (timeMs(end) - timeMs(session.started_at)) / HOUR_MS);
  session.avg_viewers =
    session.duration_hours > 0 ? session.hours_watched / session.duration_hours : (session.last_viewers ?? 0);
  const fetchedSinceStart = followers?.last_followers_at != null && followers.last_followers_at >= session.started_at;
  session.followers_gained =
    session.followers_at_start != null && followers?.last_followers != null && fetchedSinceStart
      ? followers.last_followers - session.followers_at_start
      : session.followers_gained;
}
