/**
 * game_analytics: per channel and game (Twitch category), over the channel's whole history.
 *
 *   LiveStreamSampled    → airtime and viewer-hours of the curve (live/viewer-curve.ts) go to the
 *                          game being played; the sample counts for the game's peak; a stream
 *                          counts once for every game it played
 *   StreamWentOffline    → the flat tail after the last sample
 *   FollowerCountFetched → the channel's latest follower count: a change seen between two samples
 *                          of a stream is credited to the game of the later sample
 *
 * The per-game totals live in game_analytics_state (one row per channel, with the live cursor) and
 * an event writes only the rows of the games it changed. The share of airtime is not stored: it
 * would change every game row of the channel on every sample; readers divide by the channel's sum.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import {
  liveCursorColumns,
  readLiveCursor,
  writeLiveCursor,
  type LiveCursorColumns,
} from './live/live-cursor-columns.js';
import {
  advanceByOffline,
  advanceBySample,
  pieceHours,
  pieceViewerHours,
  sampleInput,
  type AirtimePiece,
} from './live/viewer-curve.js';
import { defineProjection, type RowSet, type TableSpec } from './projection.js';
import { assertNever, isoTime } from './time.js';

export const gameAnalyticsTable = {
  name: 'game_analytics',
  primaryKey: ['channel_id', 'game_id'],
  columns: {
    channel_id: 'text',
    game_id: 'text',
    game_name: 'text',
    streams: 'integer',
    hours_streamed: 'double',
    avg_viewers: 'double',
    peak_viewers: 'integer',
    hours_watched: 'double',
    followers_gained: 'bigint',
  },
} as const satisfies TableSpec;

export const gameAnalyticsStateTable = {
  name: 'game_analytics_state',
  primaryKey: ['channel_id'],
  columns: {
    channel_id: 'text',
    ...liveCursorColumns,
    last_followers: 'bigint',
    last_followers_at: 'timestamptz',
    followers_credited: 'bigint',
    total_hours: 'double',
    games: 'jsonb',
  },
} as const satisfies TableSpec;

interface GameTotals {
  [field: string]: string | number | null;
  game_id: string;
  game_name: string | null;
  streams: number;
  hours: number;
  hours_watched: number;
  peak_viewers: number;
  followers_gained: number;
  last_stream_id: string | null;
}

interface GameState extends LiveCursorColumns {
  [column: string]: string | number | null | GameTotals[];
  channel_id: string;
  last_followers: number | null;
  last_followers_at: string | null;
  /** The follower count up to which changes were credited to games (null outside a stream). */
  followers_credited: number | null;
  total_hours: number;
  games: GameTotals[];
}

const TABLE = gameAnalyticsTable.name;
const STATE = gameAnalyticsStateTable.name;

export const gameAnalytics = defineProjection({
  name: 'game-analytics',
  version: 1,
  handles: ['LiveStreamSampled', 'StreamWentOffline', 'FollowerCountFetched'],
  tables: [gameAnalyticsTable, gameAnalyticsStateTable],
  parallel: 'by-channel',

  rowsToLoad: (event) => [{ table: STATE, key: { channel_id: event.data.broadcasterId } }],

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

function loadState(rows: RowSet, channel_id: string): GameState {
  const state = rows.get<GameState>(STATE, { channel_id });
  if (!state) {
    return {
      channel_id,
      live_stream_id: null,
      live_started_at: null,
      live_last_at: null,
      live_last_viewers: null,
      live_last_game_id: null,
      live_last_game_name: null,
      last_followers: null,
      last_followers_at: null,
      followers_credited: null,
      total_hours: 0,
      games: [],
    };
  }
  // The games are changed in place (the state is put after any change): copying every game of the
  // channel on every sample cost more than the rest of the apply.
  return state;
}

function recordFollowers(rows: RowSet, event: EventOfType<'FollowerCountFetched'>): void {
  const state = loadState(rows, event.data.broadcasterId);
  const at = isoTime(event.metadata.fetchedAt);
  if (state.last_followers_at && state.last_followers_at > at) return;
  rows.put(STATE, { ...state, last_followers: event.data.total, last_followers_at: at });
}

function recordSample(rows: RowSet, event: EventOfType<'LiveStreamSampled'>): void {
  const { stream } = event.data;
  const state = loadState(rows, event.data.broadcasterId);
  const sample = sampleInput(event);
  const outcome = advanceBySample(readLiveCursor(state), sample);
  if (outcome.kind === 'late') return;
  if (outcome.kind === 'new-stream') state.followers_credited = state.last_followers;
  const touched = addPieces(state, outcome.pieces);
  const game = gameOf(state, sample.gameId, sample.gameName);
  touched.add(game);
  if (game.last_stream_id !== stream.id) {
    game.streams += 1;
    game.last_stream_id = stream.id;
  }
  game.peak_viewers = Math.max(game.peak_viewers, stream.viewer_count);
  creditFollowers(state, game);
  writeLiveCursor(state, outcome.cursor);
  save(rows, state, touched);
}

function recordOffline(rows: RowSet, event: EventOfType<'StreamWentOffline'>): void {
  const state = loadState(rows, event.data.broadcasterId);
  const cursor = readLiveCursor(state);
  const tail = advanceByOffline(cursor, event.data.streamId, event.data.lastSampledAt);
  if (!tail || !cursor) return;
  const touched = addPieces(state, tail.pieces);
  const game = gameOf(state, cursor.lastGameId, cursor.lastGameName);
  touched.add(game);
  creditFollowers(state, game);
  writeLiveCursor(state, tail.cursor);
  state.followers_credited = null;
  save(rows, state, touched);
}

function gameOf(state: GameState, gameId: string, gameName: string | null): GameTotals {
  let game = state.games.find((g) => g.game_id === gameId);
  if (!game) {
    game = {
      game_id: gameId,
      game_name: gameName,
      streams: 0,
      hours: 0,
      hours_watched: 0,
      peak_viewers: 0,
      followers_gained: 0,
      last_stream_id: null,
    };
    state.games.push(game);
  } else if (gameName && game.game_name !== gameName) {
    game.game_name = gameName;
  }
  return game;
}

/** Adds the pieces' airtime to their games; returns the games it changed. */
function addPieces(state: GameState, pieces: readonly AirtimePiece[]): Set<GameTotals> {
  const touched = new Set<GameTotals>();
  for (const piece of pieces) {
    const game = gameOf(state, piece.gameId, piece.gameName);
    const hours = pieceHours(piece);
    game.hours += hours;
    game.hours_watched += pieceViewerHours(piece);
    state.total_hours += hours;
    touched.add(game);
  }
  return touched;
}

/** Follower changes fetched while the stream runs go to the game on air when they are first seen. */
function creditFollowers(state: GameState, game: GameTotals): void {
  if (state.last_followers == null) return;
  if (state.followers_credited != null) game.followers_gained += state.last_followers - state.followers_credited;
  state.followers_credited = state.last_followers;
}

/** The state and the rows of the games the event changed. */
function save(rows: RowSet, state: GameState, touched: ReadonlySet<GameTotals>): void {
  rows.put(STATE, state);
  for (const game of touched) {
    rows.put(TABLE, {
      channel_id: state.channel_id,
      game_id: game.game_id,
      game_name: game.game_name,
      streams: game.streams,
      hours_streamed: game.hours,
      avg_viewers: game.hours > 0 ? game.hours_watched / game.hours : null,
      peak_viewers: game.peak_viewers,
      hours_watched: game.hours_watched,
      followers_gained: game.followers_gained,
    });
  }
}
