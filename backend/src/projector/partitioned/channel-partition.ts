/**
 * Which partition of a replay split by channel an event belongs to. A channel's events must all
 * land in one partition, in log order, so its rows are built exactly as in one thread.
 *
 * Channels are dealt to partitions by how many events their streams hold, largest first, each to
 * the partition with the fewest so far, so the partitions (threads) finish together. The deal is
 * stored with the partition checkpoints: a resumed replay must keep it. A channel the deal does not
 * name (it appeared later) belongs to partition 0.
 *
 * An event belongs to the channel of its stream (`twitch-channel-<id>`), or, on any other stream
 * (an account's time-zone setting), to the channel its `broadcasterId` names.
 */
import { channelStream } from '@creatorsync/projections';
import { must } from '../../must.js';

/** channels[i]: the channel ids of partition i. */
export type ChannelDeal = readonly (readonly string[])[];

export interface ChannelPartition {
  index: number;
  deal: ChannelDeal;
}

/** Streams split by their name; events on other streams are read by every partition and kept by `broadcasterId`. */
export const CHANNEL_STREAM_PREFIX = channelStream('');

/**
 * Deals channels (id → events in its stream) to `count` partitions, largest first to the lightest
 * (ties: lower index). `startLoad`: work a partition has besides its channels (partition 0 replays
 * whole the projections that are not split).
 */
export function dealChannels(
  weights: ReadonlyMap<string, number>,
  count: number,
  startLoad: readonly number[] = [],
): string[][] {
  const deal = Array.from({ length: count }, () => [] as string[]);
  const load = Array.from({ length: count }, (_, i) => startLoad[i] ?? 0);
  const byWeight = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [channel, weight] of byWeight) {
    let lightest = 0;
    for (let i = 1; i < count; i++) if (must(load[i], 'load[i]') < must(load[lightest], 'load[lightest]')) lightest = i;
    must(deal[lightest], 'deal[lightest]').push(channel);
    load[lightest] = must(load[lightest], 'load[lightest]') + weight;
  }
  return deal;
}

/** The partition of each dealt channel (absent: partition 0). */
export function partitionsByChannel(deal: ChannelDeal): Map<string, number> {
  const owners = new Map<string, number>();
  deal.forEach((channels, index) => channels.forEach((channel) => owners.set(channel, index)));
  return owners;
}

/**
 * The partition an event belongs to, or why it cannot be replayed by channel: a channel stream's
 * event whose `broadcasterId` names another channel would be applied to rows another partition
 * may hold.
 */
export function partitionOfEvent(
  event: { streamId: string; data: unknown },
  owners: ReadonlyMap<string, number>,
): number | { mismatch: string } {
  const broadcasterId = (event.data as { broadcasterId?: unknown } | null)?.broadcasterId;
  if (event.streamId.startsWith(CHANNEL_STREAM_PREFIX)) {
    const channel = event.streamId.slice(CHANNEL_STREAM_PREFIX.length);
    if (broadcasterId !== undefined && broadcasterId !== channel) {
      return {
        mismatch: `its broadcasterId ${JSON.stringify(broadcasterId)} is not the channel of its stream ${event.streamId}, so it cannot be replayed by channel`,
      };
    }
    return owners.get(channel) ?? 0;
  }
  return typeof broadcasterId === 'string' ? (owners.get(broadcasterId) ?? 0) : 0;
}

/**
 * The SQL condition (on the `events` table) of a partition's reader: every stream that is not a
 * channel's, its own channels' streams, and (partition 0) the streams of channels not dealt.
 */
export function partitionCondition(values: unknown[], partition: ChannelPartition): string {
  values.push(CHANNEL_STREAM_PREFIX);
  const prefix = `$${values.length}`;
  values.push(must(partition.deal[partition.index], 'partition.deal[partition.index]').map(channelStream));
  const mine = `stream_id = ANY($${values.length}::text[])`;
  if (partition.index !== 0) return `(NOT stream_id ^@ ${prefix} OR ${mine})`;
  values.push(partition.deal.flat().map(channelStream));
  return `(NOT stream_id ^@ ${prefix} OR ${mine} OR NOT stream_id = ANY($${values.length}::text[]))`;
}
