/**
 * Which channels are connected, from the write side's own streams (`account-<userId>`:
 * TwitchAccountLinked / TwitchAccountUnlinked), never from read tables. A channel is connected while
 * at least one account links it; the scopes of its latest link say whether subscriptions can be read.
 */
import { Inject, Injectable } from '@nestjs/common';
import { accountStream, type EventData } from '@creatorsync/projections';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { StreamNotFoundError } from '../../event-store/errors.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import type { SubscriptionAccess } from '../fetches/collect-subscriber-total.command.js';
import { must } from '../../must.js';

export const SUBSCRIPTIONS_SCOPE = 'channel:read:subscriptions';

export interface ConnectedChannel {
  broadcasterId: string;
  userIds: string[];
  scopes: string[];
}

const PAGE = 1_000;

/** Pure: the connected channels after these account events, in the order they were first linked. */
export function connectedChannelsOf(events: ReadonlyArray<Pick<RecordedEvent, 'type' | 'data'>>): ConnectedChannel[] {
  const links = new Map<string, { users: Set<string>; scopes: string[] }>();
  for (const event of events) {
    if (event.type === 'TwitchAccountLinked') {
      const data = event.data as EventData<'TwitchAccountLinked'>;
      const link = links.get(data.broadcasterId) ?? { users: new Set<string>(), scopes: [] };
      link.users.add(data.userId);
      link.scopes = data.scopes;
      links.set(data.broadcasterId, link);
    } else if (event.type === 'TwitchAccountUnlinked') {
      const data = event.data as EventData<'TwitchAccountUnlinked'>;
      links.get(data.broadcasterId)?.users.delete(data.userId);
    }
  }
  return [...links]
    .filter(([, l]) => l.users.size > 0)
    .map(([broadcasterId, l]) => ({ broadcasterId, userIds: [...l.users], scopes: l.scopes }));
}

export function subscriptionAccessOf(channel: ConnectedChannel | undefined): SubscriptionAccess {
  if (!channel) return { kind: 'none', reason: 'not_connected' };
  return channel.scopes.includes(SUBSCRIPTIONS_SCOPE)
    ? { kind: 'broadcaster-token' }
    : { kind: 'none', reason: 'missing_scope' };
}

@Injectable()
export class ConnectedChannels {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /** Every connected channel, for the daily collection and live polling. */
  async all(): Promise<ConnectedChannel[]> {
    const events: RecordedEvent[] = [];
    let from: Position | 'start' = 'start';
    for (;;) {
      const page = await this.eventStore.readAll({
        fromPosition: from,
        maxCount: PAGE,
        filter: { streamPrefixes: ['account-'], eventTypePrefixes: ['TwitchAccount'] },
      });
      // Reading forwards from a position includes the event at it: skip the one already seen.
      const fresh = from === 'start' ? page : page.slice(1);
      events.push(...fresh);
      if (page.length < PAGE) break;
      from = must(page[page.length - 1], 'page[page.length - 1]').position;
    }
    return connectedChannelsOf(events);
  }

  /** The channels one CreatorSync user connected. */
  async ofUser(userId: string): Promise<ConnectedChannel[]> {
    try {
      const events = await this.eventStore.readStream(accountStream(userId));
      return connectedChannelsOf(events);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
