/**
 * Which partition of a replay split by channel an event belongs to. A channel's events must all
 * land in one partition, in log order, so its rows are built exactly as in one thread.
 *
 * An event belongs to the channel of its stream (`twitch-channel-<id>`), or, on any other stream
 * (an account's time-zone setting), to the channel its `broadcasterId` names. The partition of a
 * channel is the character code of the id's last character modulo the partition count: cheap to
 * compute in SQL from the stream id (so each partition's reader fetches only its own channels'
 * streams) and, for numeric Twitch ids, as even as the ids' last digits.
 */
import { channelStream } from '@creatorsync/projections';

export interface ChannelPartition {
  index: number;
  count: number;
}

/** Streams partitioned by their name; events on other streams are read by every partition and assigned by `broadcasterId`. */
export const CHANNEL_STREAM_PREFIX = channelStream('');

/** As the SQL `ascii(right(id, 1)) % count`: the code point of the last character (a surrogate pair counts as one). */
export function partitionOfChannel(channelId: string, count: number): number {
  if (channelId.length === 0) return 0;
  const lastUnit = channelId.charCodeAt(channelId.length - 1);
  const isLowSurrogate = lastUnit >= 0xdc00 && lastUnit <= 0xdfff && channelId.length > 1;
  const codePoint = isLowSurrogate ? channelId.codePointAt(channelId.length - 2)! : lastUnit;
  return codePoint % count;
}

/**
 * The partition an event belongs to, or why it cannot be replayed by channel: a channel stream's
 * event whose `broadcasterId` names another channel would be applied to rows another partition
 * holds.
 */
export function partitionOfEvent(event: { streamId: string; data: unknown }, count: number): number | { mismatch: string } {
  const broadcasterId = (event.data as { broadcasterId?: unknown } | null)?.broadcasterId;
  if (event.streamId.startsWith(CHANNEL_STREAM_PREFIX)) {
    const channel = event.streamId.slice(CHANNEL_STREAM_PREFIX.length);
    if (broadcasterId !== undefined && broadcasterId !== channel) {
      return { mismatch: `its broadcasterId ${JSON.stringify(broadcasterId)} is not the channel of its stream ${event.streamId}, so it cannot be replayed by channel` };
    }
    return partitionOfChannel(channel, count);
  }
  return typeof broadcasterId === 'string' ? partitionOfChannel(broadcasterId, count) : 0;
}

/** The SQL condition (on the `events` table) that a partition's reader uses; parameters: prefix, count, index. */
export function partitionCondition(values: unknown[], partition: ChannelPartition): string {
  values.push(CHANNEL_STREAM_PREFIX, partition.count, partition.index);
  const n = values.length;
  return `(NOT stream_id ^@ $${n - 2} OR ascii(right(stream_id, 1)) % $${n - 1}::int = $${n}::int)`;
}
