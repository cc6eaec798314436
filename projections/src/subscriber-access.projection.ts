/**
 * subscriber_access: whether the channel's subscriber count can be read, and if not, why.
 *
 *   SubscriberCountFetched     → available (reason null)
 *   SubscriberCountUnavailable → unavailable, with the reason the collection recorded:
 *                                not_connected (no token stored), missing_scope (the token lacks
 *                                channel:read:subscriptions), token_revoked (the grant was withdrawn)
 *
 * The latest fetch wins; `since` is when the current state began (the first fetch that found it).
 */
import { defineProjection, type TableSpec } from './projection.js';
import { assertNever, isoTime } from './time.js';

export const subscriberAccessTable = {
  name: 'subscriber_access',
  primaryKey: ['channel_id'],
  columns: {
    channel_id: 'text',
    available: 'boolean',
    reason: 'text',
    since: 'timestamptz',
    fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export interface SubscriberAccessRow {
  [column: string]: string | boolean | null;
  channel_id: string;
  available: boolean;
  reason: string | null;
  since: string;
  fetched_at: string;
}

const TABLE = subscriberAccessTable.name;

export const subscriberAccess = defineProjection({
  name: 'subscriber-access',
  version: 1,
  handles: ['SubscriberCountFetched', 'SubscriberCountUnavailable'],
  tables: [subscriberAccessTable],
  parallel: 'by-channel',

  rowsToLoad: (event) => [{ table: TABLE, key: { channel_id: event.data.broadcasterId } }],

  apply(event, rows) {
    let reason: string | null;
    switch (event.type) {
      case 'SubscriberCountFetched':
        reason = null;
        break;
      case 'SubscriberCountUnavailable':
        reason = event.data.reason;
        break;
      default:
        return assertNever(event);
    }
    const channel_id = event.data.broadcasterId;
    const at = isoTime(event.metadata.fetchedAt);
    const existing = rows.get<SubscriberAccessRow>(TABLE, { channel_id });
    if (existing && existing.fetched_at > at) return; // a late fetch: the newer state stays
    const same = existing && existing.available === (reason === null) && existing.reason === reason;
    rows.put(TABLE, {
      channel_id,
      available: reason === null,
      reason,
      since: same ? existing.since : at,
      fetched_at: at,
    });
  },
});
