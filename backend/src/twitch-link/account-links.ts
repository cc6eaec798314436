/**
 * A CreatorSync account's Twitch links as its own stream `account-<userId>` tells them: the write
 * side decides from this (never from a read table), and the connections list shows it, so a link
 * is visible the moment the callback has recorded it.
 */
import type { EventData } from '@creatorsync/projections';

export interface AccountLink {
  broadcasterId: string;
  login: string;
  displayName: string;
  scopes: string[];
  linkedAt: string;
  timeZone: string | null;
}

interface AccountEvent {
  type: string;
  data: unknown;
}

/** Links in the order they were first made; a re-link refreshes a link in place. */
export function currentLinks(events: readonly AccountEvent[]): AccountLink[] {
  const links = new Map<string, AccountLink>();
  for (const event of events) {
    switch (event.type) {
      case 'TwitchAccountLinked': {
        const data = event.data as EventData<'TwitchAccountLinked'>;
        const existing = links.get(data.broadcasterId);
        links.set(data.broadcasterId, {
          broadcasterId: data.broadcasterId,
          login: data.login,
          displayName: data.displayName,
          scopes: data.scopes,
          linkedAt: existing?.linkedAt ?? data.linkedAt,
          timeZone: existing?.timeZone ?? null,
        });
        break;
      }
      case 'TwitchAccountUnlinked':
        links.delete((event.data as EventData<'TwitchAccountUnlinked'>).broadcasterId);
        break;
      case 'ChannelTimeZoneSet': {
        const data = event.data as EventData<'ChannelTimeZoneSet'>;
        const link = links.get(data.broadcasterId);
        if (link) link.timeZone = data.timeZone;
        break;
      }
      default:
        break; // other facts about the account do not change its links
    }
  }
  return [...links.values()];
}
