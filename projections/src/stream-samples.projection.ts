/**
 * stream_samples: every live sample of every stream, as the viewer curve of a stream report draws
 * it: when it was fetched, the viewer count, and the game and title at that moment.
 *
 *   LiveStreamSampled → one row per (channel, stream, fetch time); the same sample recorded twice
 *                       (an overlapping poller) is one row, so a rebuild writes exactly these rows.
 *
 * stream_sessions keeps each stream's totals; this table keeps the points between them, so the
 * report can show where viewers came and went and which game or title change they followed.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import { gameIdOf, gameNameOf } from './live/viewer-curve.js';
import { defineProjection, type TableSpec } from './projection.js';
import { isoTime } from './time.js';

export const streamSamplesTable = {
  name: 'stream_samples',
  primaryKey: ['channel_id', 'stream_id', 'sampled_at'],
  columns: {
    channel_id: 'text',
    stream_id: 'text',
    sampled_at: 'timestamptz',
    viewers: 'integer',
    game_id: 'text',
    game_name: 'text',
    title: 'text',
  },
} as const satisfies TableSpec;

const TABLE = streamSamplesTable.name;

export const streamSamples = defineProjection({
  name: 'stream-samples',
  version: 1,
  handles: ['LiveStreamSampled'],
  tables: [streamSamplesTable],
  parallel: 'by-channel',

  // Each sample is its own row: nothing to read first.
  rowsToLoad: () => [],

  // It handles one event type: every event it sees is a sample.
  apply(event, rows) {
    rows.put(TABLE, sampleRow(event));
  },
});

function sampleRow(event: EventOfType<'LiveStreamSampled'>) {
  const { stream } = event.data;
  return {
    channel_id: event.data.broadcasterId,
    stream_id: stream.id,
    sampled_at: isoTime(event.metadata.fetchedAt),
    viewers: stream.viewer_count,
    game_id: gameIdOf(stream.game_id),
    game_name: gameNameOf(stream.game_name),
    title: stream.title ? stream.title : null,
  };
}
