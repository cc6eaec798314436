/**
 * The decision of CollectChannelSnapshot, as a pure function: what Twitch returned for one channel
 * becomes the events to append. Ids are derived from the job, the channel and the content, so a
 * retried job appends the same ids again (and the store keeps one copy).
 */
import { eventCatalogue, type EventMetadata } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import { canonicalJson, deterministicEventId } from '../deterministic-event-id.js';

export interface FetchedChannelSnapshot {
  broadcasterId: string;
  user: { id: string; login: string; display_name: string; [field: string]: unknown };
  channel?: { broadcaster_id: string; [field: string]: unknown };
  followers: { total: number; raw: Record<string, unknown> };
}

export interface SnapshotContext {
  jobId: string;
  source: EventMetadata['source'];
  fetchedAt: Date;
}

export function channelSnapshotEvents(fetched: FetchedChannelSnapshot, context: SnapshotContext): NewEvent[] {
  const metadata = (type: keyof typeof eventCatalogue): EventMetadata => ({
    correlationId: context.jobId,
    source: context.source,
    schemaVersion: eventCatalogue[type].version,
    fetchedAt: context.fetchedAt.toISOString(),
  });
  const profile = { broadcasterId: fetched.broadcasterId, user: fetched.user, ...(fetched.channel ? { channel: fetched.channel } : {}) };
  const followers = { broadcasterId: fetched.broadcasterId, total: fetched.followers.total, raw: { ...fetched.followers.raw, total: fetched.followers.total } };
  const id = (type: string, data: unknown) => deterministicEventId(type, fetched.broadcasterId, context.jobId, canonicalJson(data));
  return [
    { id: id('ChannelProfileFetched', profile), type: 'ChannelProfileFetched', data: profile, metadata: metadata('ChannelProfileFetched') },
    { id: id('FollowerCountFetched', followers), type: 'FollowerCountFetched', data: followers, metadata: metadata('FollowerCountFetched') },
  ];
}
