/**
 * channel_analytics: one row per channel per day.
 *
 *   FollowerCountFetched → the day's followers (the day's latest fetch wins) and followers gained
 *                          against the previous day; days between two fetches are filled with the
 *                          last known values, marked carried_forward.
 *
 * channel_analytics_state remembers each channel's last day and values, to fill gaps.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import { defineProjection, type RowSet, type TableSpec } from './projection.js';
import { addDays, assertNever, dayOf, daysBetween } from './time.js';

export const channelAnalyticsTable = {
  name: 'channel_analytics',
  primaryKey: ['channel_id', 'day'],
  columns: {
    channel_id: 'text', day: 'date', followers: 'bigint', followers_gained: 'bigint', subscribers: 'bigint',
    subscriber_points: 'bigint', streams: 'integer', hours_streamed: 'double', avg_viewers: 'double',
    peak_viewers: 'integer', hours_watched: 'double', videos_published: 'integer', clips_published: 'integer',
    carried_forward: 'boolean', last_fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export const channelAnalyticsStateTable = {
  name: 'channel_analytics_state',
  primaryKey: ['channel_id'],
  columns: { channel_id: 'text', last_day: 'date', last_followers: 'bigint', last_subscribers: 'bigint', last_subscriber_points: 'bigint' },
} as const satisfies TableSpec;

export interface ChannelDay {
  [column: string]: string | number | boolean | null;
  channel_id: string;
  day: string;
  followers: number | null;
  followers_gained: number | null;
  subscribers: number | null;
  subscriber_points: number | null;
  streams: number;
  hours_streamed: number;
  avg_viewers: number | null;
  peak_viewers: number | null;
  hours_watched: number;
  videos_published: number;
  clips_published: number;
  carried_forward: boolean;
  last_fetched_at: string | null;
}

interface ChannelState {
  [column: string]: string | number | null;
  channel_id: string;
  last_day: string;
  last_followers: number | null;
  last_subscribers: number | null;
  last_subscriber_points: number | null;
}

/** Gaps longer than this are not filled (a channel collected again after years). */
const MAX_CARRIED_DAYS = 730;

const DAY = channelAnalyticsTable.name;
const STATE = channelAnalyticsStateTable.name;

export const channelAnalytics = defineProjection({
  name: 'channel-analytics',
  version: 1,
  handles: ['FollowerCountFetched'],
  tables: [channelAnalyticsTable, channelAnalyticsStateTable],

  rowsToLoad(event) {
    const channel_id = event.data.broadcasterId;
    const day = dayOf(event.metadata.fetchedAt);
    return [
      { table: STATE, key: { channel_id } },
      ...[-1, 0, 1].map((offset) => ({ table: DAY, key: { channel_id, day: addDays(day, offset) } })),
    ];
  },

  apply(event, rows) {
    switch (event.type) {
      case 'FollowerCountFetched':
        return recordFollowers(rows, event);
      default:
        return assertNever(event.type);
    }
  },
});

function recordFollowers(rows: RowSet, event: EventOfType<'FollowerCountFetched'>): void {
  const channel_id = event.data.broadcasterId;
  const fetchedAt = event.metadata.fetchedAt;
  const day = dayOf(fetchedAt);
  const total = event.data.total;
  const state = rows.get<ChannelState>(STATE, { channel_id });

  if (state && day > state.last_day) carryForward(rows, state, day);

  const existing = rows.get<ChannelDay>(DAY, { channel_id, day });
  if (existing?.last_fetched_at && !existing.carried_forward && existing.last_fetched_at > fetchedAt) return;

  const previous = rows.get<ChannelDay>(DAY, { channel_id, day: addDays(day, -1) });
  const row: ChannelDay = {
    ...(existing ?? emptyDay(channel_id, day)),
    followers: total,
    followers_gained: previous?.followers == null ? null : total - previous.followers,
    carried_forward: false,
    last_fetched_at: fetchedAt,
  };
  rows.put(DAY, row);

  // A late fetch for an earlier day changes the next day's gain.
  const next = rows.get<ChannelDay>(DAY, { channel_id, day: addDays(day, 1) });
  if (next?.followers != null) rows.put(DAY, { ...next, followers_gained: next.followers - total });

  if (!state || day >= state.last_day) {
    rows.put(STATE, { ...(state ?? emptyState(channel_id)), last_day: day, last_followers: total });
  }
}

/** Fills the days after the channel's last known day, up to (not including) `day`, with its last values. */
function carryForward(rows: RowSet, state: ChannelState, day: string): void {
  const gap = daysBetween(state.last_day, day) - 1;
  for (let i = 1; i <= Math.min(gap, MAX_CARRIED_DAYS); i++) {
    rows.put(DAY, {
      ...emptyDay(state.channel_id, addDays(state.last_day, i)),
      followers: state.last_followers,
      followers_gained: state.last_followers == null ? null : 0,
      subscribers: state.last_subscribers,
      subscriber_points: state.last_subscriber_points,
      carried_forward: true,
    });
  }
}

export function emptyDay(channel_id: string, day: string): ChannelDay {
  return {
    channel_id, day, followers: null, followers_gained: null, subscribers: null, subscriber_points: null,
    streams: 0, hours_streamed: 0, avg_viewers: null, peak_viewers: null, hours_watched: 0,
    videos_published: 0, clips_published: 0, carried_forward: false, last_fetched_at: null,
  };
}

function emptyState(channel_id: string): ChannelState {
  return { channel_id, last_day: '0000-01-01', last_followers: null, last_subscribers: null, last_subscriber_points: null };
}
