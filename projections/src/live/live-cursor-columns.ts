/**
 * A LiveCursor kept in a state row, as six columns (every projection that follows live samples
 * has them in its per-channel state table).
 */
import type { ColumnType } from '../projection.js';
import { timeMs } from '../time.js';
import type { LiveCursor } from './viewer-curve.js';

export const liveCursorColumns = {
  live_stream_id: 'text',
  live_started_at: 'timestamptz',
  live_last_at: 'timestamptz',
  live_last_viewers: 'integer',
  live_last_game_id: 'text',
  live_last_game_name: 'text',
} as const satisfies Record<string, ColumnType>;

export interface LiveCursorColumns {
  live_stream_id: string | null;
  live_started_at: string | null;
  live_last_at: string | null;
  live_last_viewers: number | null;
  live_last_game_id: string | null;
  live_last_game_name: string | null;
}

export const noLiveCursor: LiveCursorColumns = {
  live_stream_id: null,
  live_started_at: null,
  live_last_at: null,
  live_last_viewers: null,
  live_last_game_id: null,
  live_last_game_name: null,
};

export function readLiveCursor(row: Partial<LiveCursorColumns> | undefined): LiveCursor | null {
  if (!row?.live_stream_id || !row.live_started_at || !row.live_last_at) return null;
  return {
    streamId: row.live_stream_id,
    startedAt: row.live_started_at,
    startedAtMs: timeMs(row.live_started_at),
    lastAt: row.live_last_at,
    lastAtMs: timeMs(row.live_last_at),
    lastViewers: row.live_last_viewers ?? 0,
    lastGameId: row.live_last_game_id ?? '',
    lastGameName: row.live_last_game_name ?? null,
  };
}

/**
 * Moves the cursor columns of a state row to `cursor`. Set one by one: building a row of them and
 * Object.assign-ing it cost more, per live sample in three projections, than the stores themselves.
 */
export function writeLiveCursor(row: LiveCursorColumns, cursor: LiveCursor): void {
  row.live_stream_id = cursor.streamId;
  row.live_started_at = cursor.startedAt;
  row.live_last_at = cursor.lastAt;
  row.live_last_viewers = cursor.lastViewers;
  row.live_last_game_id = cursor.lastGameId;
  row.live_last_game_name = cursor.lastGameName;
}
