/** Which media checks a daily run makes, from what the channel's stream holds. */
import { alreadyRecorded, clipFacts, mediaCheckFact } from './channel-facts.js';
import {
  emptyChannelState,
  evolveChannelState,
  forgetMediaBeyondLookback,
  type ChannelState,
} from './channel-state.js';
import type { FetchContext } from './fact.js';
import { DAY_MS } from './lookback.js';
import { mediaDue, weeklyTurnOf } from './media-due.js';

const CHANNEL = '42';
/** A day whose weekday is not the channel's weekly turn, and the next such day. */
const dayOff = (() => {
  for (let day = Date.UTC(2026, 1, 10, 2); ; day += DAY_MS)
    if (
      Math.floor(day / DAY_MS) % 7 !== weeklyTurnOf(CHANNEL) &&
      Math.floor((day + DAY_MS) / DAY_MS) % 7 !== weeklyTurnOf(CHANNEL)
    )
      return day;
})();
const iso = (ms: number) => new Date(ms).toISOString();
const context = (ms: number): FetchContext => ({ correlationId: 'job', source: 'scheduled', fetchedAt: new Date(ms) });

function apply(state: ChannelState, events: Array<{ type: string; data: unknown; metadata: { fetchedAt: string } }>) {
  for (const e of events) evolveChannelState(state, e);
  return state;
}
const checked = (state: ChannelState, media: 'videos' | 'recent-clips' | 'top-clips', atMs: number, grown = 0) =>
  apply(state, [
    {
      type: 'ChannelMediaChecked',
      data: { broadcasterId: CHANNEL, media, items: 3, recorded: 0, grown },
      metadata: { fetchedAt: iso(atMs) },
    },
  ]);
const sampled = (state: ChannelState, atMs: number) =>
  apply(state, [
    {
      type: 'LiveStreamSampled',
      data: { broadcasterId: CHANNEL, stream: { id: 's1', started_at: iso(atMs - 3_600_000) } },
      metadata: { fetchedAt: iso(atMs) },
    },
  ]);
const allChecked = (atMs: number) => {
  const state = emptyChannelState();
  for (const media of ['videos', 'recent-clips', 'top-clips'] as const) checked(state, media, atMs);
  return state;
};
const clip = (id: string, createdMs: number, views: number) => ({
  id,
  broadcaster_id: CHANNEL,
  created_at: iso(createdMs),
  view_count: views,
});

describe('media checks of a daily run', () => {
  it('a channel never checked: every check is due', () => {
    expect(mediaDue(emptyChannelState(), CHANNEL, dayOff)).toEqual({
      videos: true,
      'recent-clips': true,
      'top-clips': true,
    });
  });

  it('a channel that did not stream since yesterday: nothing is due (followers are fetched anyway)', () => {
    const state = allChecked(dayOff);
    expect(mediaDue(state, CHANNEL, dayOff + DAY_MS)).toEqual({
      videos: false,
      'recent-clips': false,
      'top-clips': false,
    });
  });

  it('a channel live after the last check: videos and recent clips are due, the long tail waits', () => {
    const state = sampled(allChecked(dayOff), dayOff + 20 * 3_600_000);
    expect(mediaDue(state, CHANNEL, dayOff + DAY_MS)).toEqual({
      videos: true,
      'recent-clips': true,
      'top-clips': false,
    });
  });

  it("a sample taken at the check itself is not 'live since': a second run at once fetches nothing again", () => {
    const state = checked(
      checked(checked(sampled(emptyChannelState(), dayOff), 'videos', dayOff), 'recent-clips', dayOff),
      'top-clips',
      dayOff,
    );
    expect(Object.values(mediaDue(state, CHANNEL, dayOff + 60_000))).toEqual([false, false, false]);
  });

  it("on the channel's weekly turn every check is due; the turns of many channels spread over the week", () => {
    const turn = weeklyTurnOf(CHANNEL);
    let day = dayOff + DAY_MS;
    while (Math.floor(day / DAY_MS) % 7 !== turn) day += DAY_MS;
    const state = allChecked(day - 2 * DAY_MS);
    expect(Object.values(mediaDue(state, CHANNEL, day))).toEqual([true, true, true]);
    const perWeekday = new Array<number>(7).fill(0);
    for (let i = 0; i < 700; i++) {
      const turnOfChannel = weeklyTurnOf(String(40_000_000 + i));
      perWeekday[turnOfChannel] = (perWeekday[turnOfChannel] ?? 0) + 1;
    }
    for (const count of perWeekday) expect(count).toBeGreaterThan(60);
  });

  it('a check older than 8 days is due on any day (a missed run)', () => {
    const state = allChecked(dayOff - 8 * DAY_MS);
    expect(Object.values(mediaDue(state, CHANNEL, dayOff))).toEqual([true, true, true]);
  });

  it('top clips are re-read daily while their long tail was gaining at the last check, weekly otherwise', () => {
    const gaining = checked(allChecked(dayOff), 'top-clips', dayOff, 4);
    expect(mediaDue(gaining, CHANNEL, dayOff + DAY_MS)['top-clips']).toBe(true);
    const calm = checked(allChecked(dayOff - DAY_MS), 'top-clips', dayOff, 0);
    expect(mediaDue(calm, CHANNEL, dayOff + DAY_MS)['top-clips']).toBe(false);
  });
});

describe('the record of a top-clips check', () => {
  it('counts as gaining only clips past the recent look-back that grew 2 % a day or more', () => {
    const now = dayOff;
    const state = emptyChannelState();
    const old = (id: string, views: number) => clip(id, now - 20 * DAY_MS, views);
    const before = [old('steady', 1000), old('viral', 1000), clip('young', now - DAY_MS, 10)];
    apply(state, clipFacts(state, CHANNEL, before, context(now - 7 * DAY_MS)));
    checked(state, 'top-clips', now - 7 * DAY_MS);
    // A week later: 'steady' grew 7 % (1 %/day), 'viral' 70 % (10 %/day), 'young' is the recent check's.
    const fetched = [old('steady', 1070), old('viral', 1700), clip('young', now - DAY_MS, 50)];
    const changed = clipFacts(state, CHANNEL, fetched, context(now));
    const check = mediaCheckFact(state, CHANNEL, 'top-clips', fetched, changed.length, context(now));
    expect(check.type).toBe('ChannelMediaChecked');
    expect(check.data).toEqual({ broadcasterId: CHANNEL, media: 'top-clips', items: 3, recorded: 3, grown: 1 });
    // Once recorded, the same job's check again (a retried or taken-over channel, deciding on the
    // state that now holds it) is the same check, already recorded; a later job's is a new one.
    apply(state, [...changed, check]);
    const again = mediaCheckFact(state, CHANNEL, 'top-clips', fetched, 0, context(now + 60_000));
    expect(again.id).toBe(check.id);
    expect(alreadyRecorded(state, again)).toBe(true);
    const nextJob = { ...context(now + DAY_MS), correlationId: 'next-job' };
    const next = mediaCheckFact(state, CHANNEL, 'top-clips', fetched, 0, nextJob);
    expect(next.id).not.toBe(check.id);
    expect(alreadyRecorded(state, next)).toBe(false);
  });

  it('the most viewed clips stay remembered past the look-back, so an unchanged top clip is not recorded again', () => {
    const now = dayOff;
    const state = emptyChannelState();
    const top = clip('top', now - 40 * DAY_MS, 5000);
    apply(state, clipFacts(state, CHANNEL, [top], context(now - 40 * DAY_MS + DAY_MS)));
    apply(state, clipFacts(state, CHANNEL, [clip('fresh', now, 1)], context(now)));
    forgetMediaBeyondLookback(state);
    expect(state.clips.has('top')).toBe(true);
    expect(clipFacts(state, CHANNEL, [top], context(now))).toEqual([]);
  });
});
