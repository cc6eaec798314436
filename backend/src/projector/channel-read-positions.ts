/**
 * Where each build last changed each channel's rows (table channel_read_positions): the query side
 * derives a query's ETag from the positions of the channels it reads, so one channel's new events
 * leave other users' ETags alone. Written once per commit, in the commit's transaction, for the
 * channels whose rows the commit changes: all get the commit's last position (one upsert per
 * commit, not one per event, so replays stay fast). A row of a table whose key has no `channel_id`
 * (games, jobs) belongs to no channel: it moves the build's position of channel '' instead, which
 * every query reading the build includes.
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

/** In the commit's transaction: the channels' position in the build is now `position`. */
export async function recordChannelPositions(
  client: pg.ClientBase,
  buildId: number,
  channels: readonly string[],
  position: Position,
): Promise<void> {
  if (channels.length === 0) return;
  await client.query(
    `INSERT INTO channel_read_positions (build_id, channel_id, position)
     SELECT $1, channel_id, $3 FROM unnest($2::text[]) AS channel_id
     ON CONFLICT (build_id, channel_id) DO UPDATE SET position = excluded.position`,
    [buildId, channels, formatPosition(position)],
  );
}
