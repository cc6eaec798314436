/**
 * best_times: "when should I stream?" — per channel, for each weekday × hour of the channel's
 * time zone (set by ChannelTimeZoneSet, UTC until then), over all history: the hours streamed in
 * that slot, the viewer-hours, their ratio (average viewers), and the followers gained in it.
 *
 *   LiveStreamSampled / StreamWentOffline → the viewer curve of live/viewer-curve.ts (the same
 *                            curve as stream_sessions), cut at the local hour boundaries
 *   FollowerCountFetched   → the change since the previous count, spread evenly over the time
 *                            between the two counts, when they are at most 3 hours apart (counts
 *                            fetched while live, or a refresh); a daily count says nothing about
 *                            the hour, so it is not placed. follower_hours says how many hours of
 *                            the slot were measured that way (followers per measured hour =
 *                            followers_gained / follower_hours)
 *   ChannelTimeZoneSet     → the zone for the hours that follow (hours already counted keep the
 *                            zone they were counted in)
 *
 * Added as an analyst would: this file, its migration (1764000000006-best-times) and a line in
 * index.ts; the projector replays the whole log into it, no refetch from Twitch.
 *
 * rowsToLoad cannot know which local hour a sample falls in before it knows the channel's zone,
 * so the 168 slots of a channel live in its best_times_state row (with the zone and the live
 * cursor), and the slots an event changes are written as best_times rows.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import { localHourOf, nextLocalHourMs } from './live/local-time.js';
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
import { defineProjection, type RowSet, type TableSpec } from './projection.js';
import { assertNever, HOUR_MS, isoTime } from './time.js';
import { must } from './must.js';

export const bestTimesTable = {
  name: 'best_times',
  primaryKey: ['channel_id', 'weekday', 'hour'],
  columns: {
    channel_id: 'text',
    weekday: 'integer',
    hour: 'integer',
    hours_streamed: 'double',
    hours_watched: 'double',
    avg_viewers: 'double',
    followers_gained: 'double',
    follower_hours: 'double',
  },
} as const satisfies TableSpec;

export const bestTimesStateTable = {
  name: 'best_times_state',
  primaryKey: ['channel_id'],
  columns: {
    channel_id: 'text',
    time_zone: 'text',
    ...liveCursorColumns,
    last_followers: 'bigint',
    last_followers_at: 'timestamptz',
    hours_streamed: 'jsonb',
    hours_watched: 'jsonb',
    followers_gained: 'jsonb',
    follower_hours: 'jsonb',
  },
} as const satisfies TableSpec;

const SLOTS = 7 * 24;
/** Follower counts further apart than this are not placed in hours. */
const MAX_PLACED_MS = 3 * HOUR_MS;
const TABLE = bestTimesTable.name;
const STATE = bestTimesStateTable.name;

/** The slot arrays: slot i = (ISO weekday − 1) × 24 + hour. */
interface BestTimesState extends LiveCursorColumns {
  [column: string]: string | number | number[] | null;
  channel_id: string;
  time_zone: string;
  last_followers: number | null;
  last_followers_at: string | null;
  hours_streamed: number[];
  hours_watched: number[];
  followers_gained: number[];
  follower_hours: number[];
}

export const bestTimes = defineProjection({
  name: 'best-times',
  version: 1,
  handles: ['LiveStreamSampled', 'StreamWentOffline', 'FollowerCountFetched', 'ChannelTimeZoneSet'],
  tables: [bestTimesTable, bestTimesStateTable],
  parallel: 'by-channel',

  rowsToLoad: (event) => [{ table: STATE, key: { channel_id: event.data.broadcasterId } }],

  apply(event, rows) {
    const state = loadState(rows, event.data.broadcasterId);
    switch (event.type) {
      case 'LiveStreamSampled': {
        const outcome = advanceBySample(readLiveCursor(state), sampleInput(event));
        if (outcome.kind === 'late') return;
        writeLiveCursor(state, outcome.cursor);
        save(rows, state, addAirtime(state, outcome.pieces));
        return;
      }
      case 'StreamWentOffline': {
        const tail = advanceByOffline(readLiveCursor(state), event.data.streamId, event.data.lastSampledAt);
        if (!tail) return;
        writeLiveCursor(state, tail.cursor);
        save(rows, state, addAirtime(state, tail.pieces));
        return;
      }
      case 'FollowerCountFetched': {
        recordFollowers(rows, state, event);
        return;
      }
      case 'ChannelTimeZoneSet':
        state.time_zone = event.data.timeZone;
        {
          save(rows, state, new Set());
          return;
        }
      default:
        return assertNever(event);
    }
  },
});

function recordFollowers(rows: RowSet, state: BestTimesState, event: EventOfType<'FollowerCountFetched'>): void {
  const at = isoTime(event.metadata.fetchedAt);
  if (state.last_followers_at !== null && state.last_followers_at >= at) return;
  const touched = new Set<number>();
  if (state.last_followers !== null && state.last_followers_at !== null) {
    const fromMs = Date.parse(state.last_followers_at);
    const toMs = Date.parse(at);
    if (toMs - fromMs <= MAX_PLACED_MS) {
      const change = event.data.total - state.last_followers;
      const followers = state.followers_gained;
      const measured = state.follower_hours;
      const span: AirtimePiece = { fromMs, toMs, viewersFrom: 0, viewersTo: 0, gameId: '', gameName: null };
      splitPiece(
        span,
        (ms) => nextLocalHourMs(state.time_zone, ms),
        (part) => {
          const slot = slotOf(state.time_zone, part.fromMs);
          followers[slot] =
            must(followers[slot], 'followers[slot]') + (change * (part.toMs - part.fromMs)) / (toMs - fromMs);
          measured[slot] = must(measured[slot], 'measured[slot]') + pieceHours(part);
          touched.add(slot);
        },
      );
    }
  }
  state.last_followers = event.data.total;
  state.last_followers_at = at;
  save(rows, state, touched);
}

/**
 * Adds the pieces' airtime to the slots they fall in. The arrays are changed in place (the state is
 * put after): copying 2 × 168 numbers per sample cost more than the rest of the apply.
 */
function addAirtime(state: BestTimesState, pieces: readonly AirtimePiece[]): Set<number> {
  const touched = new Set<number>();
  if (pieces.length === 0) return touched;
  const streamed = state.hours_streamed;
  const watched = state.hours_watched;
  for (const piece of pieces) {
    splitPiece(
      piece,
      (ms) => nextLocalHourMs(state.time_zone, ms),
      (part) => {
        const slot = slotOf(state.time_zone, part.fromMs);
        streamed[slot] = must(streamed[slot], 'streamed[slot]') + pieceHours(part);
        watched[slot] = must(watched[slot], 'watched[slot]') + pieceViewerHours(part);
        touched.add(slot);
      },
    );
  }
  return touched;
}

function slotOf(timeZone: string, ms: number): number {
  const { weekday, hour } = localHourOf(timeZone, ms);
  return (weekday - 1) * 24 + hour;
}

function save(rows: RowSet, state: BestTimesState, touched: ReadonlySet<number>): void {
  rows.put(STATE, state);
  for (const slot of touched) {
    const hours_streamed = must(state.hours_streamed[slot], 'state.hours_streamed[slot]');
    const hours_watched = must(state.hours_watched[slot], 'state.hours_watched[slot]');
    rows.put(TABLE, {
      channel_id: state.channel_id,
      weekday: Math.floor(slot / 24) + 1,
      hour: slot % 24,
      hours_streamed,
      hours_watched,
      avg_viewers: hours_streamed > 0 ? hours_watched / hours_streamed : null,
      followers_gained: must(state.followers_gained[slot], 'state.followers_gained[slot]'),
      follower_hours: must(state.follower_hours[slot], 'state.follower_hours[slot]'),
    });
  }
}

function loadState(rows: RowSet, channel_id: string): BestTimesState {
  const state = rows.get<BestTimesState>(STATE, { channel_id });
  if (!state) {
    return {
      channel_id,
      time_zone: 'UTC',
      ...noLiveCursor,
      last_followers: null,
      last_followers_at: null,
      hours_streamed: slots(),
      hours_watched: slots(),
      followers_gained: slots(),
      follower_hours: slots(),
    };
  }
  // A state row written without the slots (a hand-made row, or before follower_hours existed) starts them at zero.
  for (const column of ['hours_streamed', 'hours_watched', 'followers_gained', 'follower_hours'] as const) {
    if ((state[column] as number[] | undefined)?.length !== SLOTS) state[column] = slots();
  }
  return state;
}

const slots = () => new Array<number>(SLOTS).fill(0);
