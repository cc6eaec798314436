/**
 * Where each build last changed each channel's rows (table channel_read_positions): the query side
 * derives a query's ETag from the positions of the channels it reads, so one channel's new events
 * leave other users' ETags alone. Written once per commit, in the commit's transaction, for the
 * channels whose rows the commit changes: all get the commit's last position (one upsert per
 * commit, not one per event, so replays stay fast). A row of a table whose key has no `channel_id`
 * (games, jobs) belongs to no channel: it moves the build's position of channel '' instead, which
 * every query reading the build includes.
 *
 * The same statement notifies (NOTIFY channel_read_positions, sent when the transaction commits)
 * with the build, the position and the channels, so the query side can keep the positions in
 * memory (http/internal/channel-position-feed.ts) instead of reading them for every request.
 */
import type pg from 'pg';
import { formatPosition, type Position } from '../event-store/position.js';
import type { TableChanges } from './working-set.js';

/** The "channel" of rows that belong to none: every reader of the build depends on it. */
export const NO_CHANNEL = '';

/**
 * The channels whose rows the changes touch (sorted, so concurrent commits lock in one order). The
 * channel comes from the key: a changed row and a deleted one both carry their key columns.
 */
export function changedChannels(changes: readonly TableChanges[]): string[] {
  const channels = new Set<string>();
  for (const { spec, deleteKeys, inserts } of changes) {
    if (!spec.primaryKey.includes('channel_id')) {
      channels.add(NO_CHANNEL);
      continue;
    }
    for (const rows of [deleteKeys, inserts])
      for (const row of rows) channels.add(typeof row.channel_id === 'string' ? row.channel_id : NO_CHANNEL);
  }
  return [...channels].sort();
}

/** The notification channel of position changes; see positionNotice. */
export const CHANNEL_POSITIONS_NOTIFY = 'channel_read_positions';

/**
 * A commit's change of positions as a notification payload: `[buildId, position, channels]` in
 * JSON, or with `null` for the channels when their list would not fit (PostgreSQL refuses payloads
 * of 8000 bytes or more, and the commit with them): then the reader reloads the build's positions.
 */
export interface PositionNotice {
  buildId: number;
  position: string;
  /** null: too many to list (a replay's commit); any of the build's channels may have moved. */
  channels: string[] | null;
}

const MAX_PAYLOAD_BYTES = 7000;

export function positionNotice(notice: PositionNotice): string {
  const payload = JSON.stringify([notice.buildId, notice.position, notice.channels]);
  if (notice.channels === null || Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return payload;
  return JSON.stringify([notice.buildId, notice.position, null]);
}

/** The notice in a payload, or undefined for one not in that form. */
export function parsePositionNotice(payload: string): PositionNotice | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [buildId, position, channels] = value as unknown[];
  if (typeof buildId !== 'number' || typeof position !== 'string') return undefined;
  if (channels === null) return { buildId, position, channels: null };
  if (!Array.isArray(channels) || !channels.every((c) => typeof c === 'string')) return undefined;
  return { buildId, position, channels };
}

/** A build whose tables are dropped has no positions left. */
export async function forgetChannelPositions(client: pg.ClientBase, buildId: number): Promise<void> {
  await client.query(`DELETE FROM channel_read_positions WHERE build_id = $1`, [buildId]);
}

/** In the commit's transaction: the channels' position in the build is now `position` (and a notice says so at commit). */
export async function recordChannelPositions(
  client: pg.ClientBase,
  buildId: number,
  channels: readonly string[],
  position: Position,
): Promise<void> {
  if (channels.length === 0) return;
  const text = formatPosition(position);
  await client.query(
    `WITH written AS (
       INSERT INTO channel_read_positions (build_id, channel_id, position)
       SELECT $1, channel_id, $3 FROM unnest($2::text[]) AS channel_id
       ON CONFLICT (build_id, channel_id) DO UPDATE SET position = excluded.position)
     SELECT pg_notify('${CHANNEL_POSITIONS_NOTIFY}', $4)`,
    [buildId, channels, text, positionNotice({ buildId, position: text, channels: [...channels] })],
  );
}
