/**
 * channel_analytics: one row per channel per UTC day.
 *
 *   FollowerCountFetched   → the day's followers (the day's latest fetch wins) and followers gained
 *                            against the previous day
 *   SubscriberCountFetched → the day's subscribers and subscriber points (latest fetch wins)
 *   LiveStreamSampled      → streams started that day, hours streamed, hours watched, average
 *   StreamWentOffline        (hours watched / hours streamed) and peak viewers, from the viewer curve
 *                            of live/viewer-curve.ts cut at midnight UTC
 *   VideoStatsFetched      → videos published that day (counted the first time a video is seen)
 *   ClipStatsFetched       → clips created that day (likewise)
 *
 * Every day from a channel's first follower count on has a row: a day without a follower fetch
 * carries the last known followers and subscribers forward (followers_gained 0) and says so in
 * carried_forward. When a fetch arrives after later days already have rows (a stream crossed
 * midnight before the morning's fetch, a late or retried fetch), up to three following days that
 * had no fetch of their own take its value.
 *
 * channel_analytics_state remembers per channel the last follower/subscriber values, the last day
 * with a row (so gaps are filled without reading them), and the live cursor;
 * channel_analytics_content the videos and clips already counted.
 */
import type { CatalogueEvent, EventOfType } from './catalogue/event-catalogue.js';
import {
  liveCursorColumns,
  noLiveCursor,
  readLiveCursor,
  writeLiveCursor,
  type LiveCursorColumns,
} from './live/live-cursor-columns.js';
import {
  advanceByOffline,
  advanceBySample,
  pieceHours,
  pieceViewerHours,
  sampleInput,
  splitPiece,
  type AirtimePiece,
} from './live/viewer-curve.js';
import { defineProjection, type RowRef, type RowSet, type TableSpec } from './projection.js';
import { addDays, assertNever, DAY_MS, dayOf, dayOfMs, daysBetween, isoTime } from './time.js';
import { must } from './must.js';

export const channelAnalyticsTable = {
  name: 'channel_analytics',
  primaryKey: ['channel_id', 'day'],
  columns: {
    channel_id: 'text',
    day: 'date',
    followers: 'bigint',
    followers_gained: 'bigint',
    subscribers: 'bigint',
    subscriber_points: 'bigint',
    streams: 'integer',
    hours_streamed: 'double',
    avg_viewers: 'double',
    peak_viewers: 'integer',
    hours_watched: 'double',
    videos_published: 'integer',
    clips_published: 'integer',
    carried_forward: 'boolean',
    last_fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export const channelAnalyticsStateTable = {
  name: 'channel_analytics_state',
  primaryKey: ['channel_id'],
  columns: {
    channel_id: 'text',
    last_day: 'date',
    last_followers: 'bigint',
    last_subscribers: 'bigint',
    last_subscriber_points: 'bigint',
    last_subscribers_at: 'timestamptz',
    last_row_day: 'date',
    ...liveCursorColumns,
  },
} as const satisfies TableSpec;

export const channelAnalyticsContentTable = {
  name: 'channel_analytics_content',
  primaryKey: ['channel_id', 'content_id'],
  columns: { channel_id: 'text', content_id: 'text' },
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

interface ChannelState extends LiveCursorColumns {
  [column: string]: string | number | null;
  channel_id: string;
  /** The latest day with a follower fetch, and its count. */
  last_day: string | null;
  last_followers: number | null;
  last_subscribers: number | null;
  last_subscriber_points: number | null;
  last_subscribers_at: string | null;
  /** Every day from the first follower count up to this one has a row. */
  last_row_day: string | null;
}

/** Gaps longer than this are not filled (a channel collected again after years). */
const MAX_CARRIED_DAYS = 730;
/** How many following days a fetch may still correct (they are loaded with it). */
const FOLLOWING_DAYS = 3;
/** How many days back from a live sample its airtime may reach (a longer unsampled start is cut). */
const LIVE_DAYS_BACK = 2;

const DAY = channelAnalyticsTable.name;
const STATE = channelAnalyticsStateTable.name;
const CONTENT = channelAnalyticsContentTable.name;

type ChannelEvent = Extract<
  CatalogueEvent,
  {
    type:
      | 'FollowerCountFetched'
      | 'SubscriberCountFetched'
      | 'LiveStreamSampled'
      | 'StreamWentOffline'
      | 'VideoStatsFetched'
      | 'ClipStatsFetched';
  }
>;

export const channelAnalytics = defineProjection({
  name: 'channel-analytics',
  version: 2,
  handles: [
    'FollowerCountFetched',
    'SubscriberCountFetched',
    'LiveStreamSampled',
    'StreamWentOffline',
    'VideoStatsFetched',
    'ClipStatsFetched',
  ],
  tables: [channelAnalyticsTable, channelAnalyticsStateTable, channelAnalyticsContentTable],
  parallel: 'by-channel',

  rowsToLoad(event) {
    const channel_id = event.data.broadcasterId;
    const refs: RowRef[] = [{ table: STATE, key: { channel_id } }];
    const days = (day: string, from: number, to: number) => {
      for (let offset = from; offset <= to; offset++)
        refs.push({ table: DAY, key: { channel_id, day: addDays(day, offset) } });
    };
    switch (event.type) {
      case 'FollowerCountFetched':
      case 'SubscriberCountFetched':
        days(dayOf(event.metadata.fetchedAt), -1, FOLLOWING_DAYS);
        break;
      case 'LiveStreamSampled': {
        const day = dayOf(event.metadata.fetchedAt);
        days(day, -LIVE_DAYS_BACK, 0);
        const startDay = dayOf(event.data.stream.started_at);
        if (startDay < addDays(day, -LIVE_DAYS_BACK) || startDay > day)
          refs.push({ table: DAY, key: { channel_id, day: startDay } });
        break;
      }
      case 'StreamWentOffline':
        days(dayOf(event.data.lastSampledAt), -LIVE_DAYS_BACK, 0);
        break;
      case 'VideoStatsFetched':
        refs.push({ table: CONTENT, key: { channel_id, content_id: `video:${event.data.video.id}` } });
        days(publishedDay(event), 0, 0);
        break;
      case 'ClipStatsFetched':
        refs.push({ table: CONTENT, key: { channel_id, content_id: `clip:${event.data.clip.id}` } });
        days(dayOf(event.data.clip.created_at), 0, 0);
        break;
      default:
        return assertNever(event);
    }
    return refs;
  },

  apply(event, rows) {
    const state = loadState(rows, event.data.broadcasterId);
    apply(event, rows, state);
  },
});

function apply(event: ChannelEvent, rows: RowSet, state: ChannelState): void {
  switch (event.type) {
    case 'FollowerCountFetched':
      return recordFollowers(rows, state, event);
    case 'SubscriberCountFetched':
      return recordSubscribers(rows, state, event);
    case 'LiveStreamSampled':
      return recordSample(rows, state, event);
    case 'StreamWentOffline':
      return recordOffline(rows, state, event);
    case 'VideoStatsFetched':
      return recordContent(rows, state, `video:${event.data.video.id}`, publishedDay(event), 'videos_published');
    case 'ClipStatsFetched':
      return recordContent(
        rows,
        state,
        `clip:${event.data.clip.id}`,
        dayOf(event.data.clip.created_at),
        'clips_published',
      );
    default:
      return assertNever(event);
  }
}

function recordFollowers(rows: RowSet, state: ChannelState, event: EventOfType<'FollowerCountFetched'>): void {
  const { channel_id } = state;
  const fetchedAt = isoTime(event.metadata.fetchedAt);
  const day = dayOf(fetchedAt);
  const total = event.data.total;
  const existing = ensureDay(rows, state, day);
  if (existing.last_fetched_at && existing.last_fetched_at > fetchedAt) return rows.put(STATE, state);

  const previous = rows.get<ChannelDay>(DAY, { channel_id, day: addDays(day, -1) });
  rows.put(DAY, {
    ...existing,
    followers: total,
    followers_gained: previous?.followers == null ? null : total - previous.followers,
    carried_forward: false,
    last_fetched_at: fetchedAt,
  });

  // Following days without a fetch of their own carry this value; the first with one gets its gain against it.
  for (let offset = 1; offset <= FOLLOWING_DAYS; offset++) {
    const next = rows.get<ChannelDay>(DAY, { channel_id, day: addDays(day, offset) });
    if (!next) break;
    if (next.last_fetched_at === null) {
      rows.put(DAY, { ...next, followers: total, followers_gained: 0, carried_forward: true });
      continue;
    }
    if (next.followers != null) rows.put(DAY, { ...next, followers_gained: next.followers - total });
    break;
  }
  if (state.last_day === null || day >= state.last_day) {
    state.last_day = day;
    state.last_followers = total;
  }
  rows.put(STATE, state);
}

function recordSubscribers(rows: RowSet, state: ChannelState, event: EventOfType<'SubscriberCountFetched'>): void {
  const { channel_id } = state;
  const fetchedAt = isoTime(event.metadata.fetchedAt);
  const day = dayOf(fetchedAt);
  const { total, points } = event.data;
  const row = ensureDay(rows, state, day);
  const newest = state.last_subscribers_at === null || fetchedAt >= state.last_subscribers_at;
  // An earlier fetch of the day that already has a later one changes nothing.
  if (newest || dayOf(must(state.last_subscribers_at, 'state.last_subscribers_at')) !== day)
    rows.put(DAY, { ...row, subscribers: total, subscriber_points: points });
  if (newest) {
    state.last_subscribers = total;
    state.last_subscriber_points = points;
    state.last_subscribers_at = fetchedAt;
    for (let offset = 1; offset <= FOLLOWING_DAYS; offset++) {
      const next = rows.get<ChannelDay>(DAY, { channel_id, day: addDays(day, offset) });
      if (next) rows.put(DAY, { ...next, subscribers: total, subscriber_points: points });
    }
  }
  rows.put(STATE, state);
}

function recordSample(rows: RowSet, state: ChannelState, event: EventOfType<'LiveStreamSampled'>): void {
  const sample = sampleInput(event);
  const outcome = advanceBySample(readLiveCursor(state), sample);
  if (outcome.kind === 'late') return;
  const day = dayOfMs(sample.atMs);
  const changes: DayChange[] = [];
  if (outcome.kind === 'new-stream') changeOf(changes, dayOf(outcome.cursor.startedAt)).streams = 1;
  addAirtime(changes, outcome.pieces, addDays(day, -LIVE_DAYS_BACK));
  changeOf(changes, day).peak = sample.viewers;
  applyChanges(rows, state, changes);
  writeLiveCursor(state, outcome.cursor);
  rows.put(STATE, state);
}

function recordOffline(rows: RowSet, state: ChannelState, event: EventOfType<'StreamWentOffline'>): void {
  const tail = advanceByOffline(readLiveCursor(state), event.data.streamId, event.data.lastSampledAt);
  if (!tail) return;
  const changes: DayChange[] = [];
  addAirtime(changes, tail.pieces, addDays(dayOf(tail.cursor.lastAt), -LIVE_DAYS_BACK));
  applyChanges(rows, state, changes);
  writeLiveCursor(state, tail.cursor);
  rows.put(STATE, state);
}

/** What one live event adds to one day. */
interface DayChange {
  day: string;
  streams: number;
  hours: number;
  viewerHours: number;
  peak: number | null;
}

function changeOf(changes: DayChange[], day: string): DayChange {
  let change = changes.find((c) => c.day === day);
  if (!change) changes.push((change = { day, streams: 0, hours: 0, viewerHours: 0, peak: null }));
  return change;
}

/** Adds airtime to the days it falls on (cut at midnight UTC), from `firstDay` on (the loaded days). */
function addAirtime(changes: DayChange[], pieces: readonly AirtimePiece[], firstDay: string): void {
  for (const piece of pieces) {
    splitPiece(piece, nextMidnight, (part) => {
      const day = dayOfMs(part.fromMs);
      if (day < firstDay) return;
      const change = changeOf(changes, day);
      change.hours += pieceHours(part);
      change.viewerHours += pieceViewerHours(part);
    });
  }
}

const nextMidnight = (ms: number) => (Math.floor(ms / DAY_MS) + 1) * DAY_MS;

/** One read and one write per day touched. */
function applyChanges(rows: RowSet, state: ChannelState, changes: readonly DayChange[]): void {
  for (const change of changes) {
    const row = ensureDay(rows, state, change.day);
    const hours_streamed = row.hours_streamed + change.hours;
    const hours_watched = row.hours_watched + change.viewerHours;
    row.streams += change.streams;
    row.hours_streamed = hours_streamed;
    row.hours_watched = hours_watched;
    row.avg_viewers = hours_streamed > 0 ? hours_watched / hours_streamed : null;
    if (change.peak !== null) row.peak_viewers = Math.max(row.peak_viewers ?? 0, change.peak);
    rows.put(DAY, row);
  }
}

function recordContent(
  rows: RowSet,
  state: ChannelState,
  content_id: string,
  day: string,
  column: 'videos_published' | 'clips_published',
): void {
  const key = { channel_id: state.channel_id, content_id };
  if (rows.get(CONTENT, key)) return;
  rows.put(CONTENT, key);
  const row = ensureDay(rows, state, day);
  rows.put(DAY, { ...row, [column]: row[column] + 1 });
  rows.put(STATE, state);
}

function publishedDay(event: EventOfType<'VideoStatsFetched'>): string {
  const { published_at, created_at } = event.data.video;
  return published_at && !Number.isNaN(Date.parse(published_at)) ? dayOf(published_at) : dayOf(created_at);
}

/**
 * The day's row, created if missing. A day after the last one with a row first gets the days in
 * between, carried forward; `state.last_row_day` moves (the caller puts the state).
 */
function ensureDay(rows: RowSet, state: ChannelState, day: string): ChannelDay {
  const existing = rows.get<ChannelDay>(DAY, { channel_id: state.channel_id, day });
  if (existing) return existing;
  const lastRowDay = state.last_row_day;
  if (lastRowDay !== null && day > lastRowDay && state.last_followers !== null) {
    const gap = daysBetween(lastRowDay, day) - 1;
    for (let i = Math.max(1, gap - MAX_CARRIED_DAYS + 1); i <= gap; i++)
      rows.put(DAY, newDay(state, addDays(lastRowDay, i)));
  }
  if (lastRowDay === null || day > lastRowDay) state.last_row_day = day;
  return newDay(state, day);
}

/** A day with no data of its own yet: after the last follower (subscriber) fetch it carries those values. */
function newDay(state: ChannelState, day: string): ChannelDay {
  const row = emptyDay(state.channel_id, day);
  if (state.last_followers !== null && state.last_day !== null && day > state.last_day) {
    row.followers = state.last_followers;
    row.followers_gained = 0;
    row.carried_forward = true;
  }
  if (state.last_subscribers !== null && state.last_subscribers_at !== null && day > dayOf(state.last_subscribers_at)) {
    row.subscribers = state.last_subscribers;
    row.subscriber_points = state.last_subscriber_points;
  }
  return row;
}

export function emptyDay(channel_id: string, day: string): ChannelDay {
  return {
    channel_id,
    day,
    followers: null,
    followers_gained: null,
    subscribers: null,
    subscriber_points: null,
    streams: 0,
    hours_streamed: 0,
    avg_viewers: null,
    peak_viewers: null,
    hours_watched: 0,
    videos_published: 0,
    clips_published: 0,
    carried_forward: false,
    last_fetched_at: null,
  };
}

function loadState(rows: RowSet, channel_id: string): ChannelState {
  return (
    rows.get<ChannelState>(STATE, { channel_id }) ?? {
      channel_id,
      last_day: null,
      last_followers: null,
      last_subscribers: null,
      last_subscriber_points: null,
      last_subscribers_at: null,
      last_row_day: null,
      ...noLiveCursor,
    }
  );
}
