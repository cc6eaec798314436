import type { CatalogueEvent } from './catalogue/event-catalogue.js';
import { channelAnalytics } from './channel-analytics.projection.js';

import { followers, offline, sample, subscribers } from './testing/channel-events.js';
import { event, project } from './testing/project-events.js';

const run = (events: CatalogueEvent[]) => project(channelAnalytics, events);
const pick = (rows: ReturnType<typeof run>) =>
  rows.rows('channel_analytics').map((r) => [r.day, r.followers, r.followers_gained, r.carried_forward]);

describe('channel-analytics projection: followers', () => {
  it('given daily fetches, then one row per day with the gain against the day before', () => {
    const rows = run([
      followers('1', 100, '2026-01-01T02:00:00.000Z'),
      followers('1', 130, '2026-01-02T02:00:00.000Z'),
    ]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 130, 30, false],
    ]);
  });

  it("given two fetches on one day, then the later one is the day's value, whatever the order", () => {
    const later = followers('1', 150, '2026-01-02T20:00:00.000Z');
    const earlier = followers('1', 120, '2026-01-02T02:00:00.000Z');
    const base = followers('1', 100, '2026-01-01T02:00:00.000Z');
    expect(pick(run([base, earlier, later]))).toEqual(pick(run([base, later, earlier])));
    expect(pick(run([base, later, earlier]))[1]).toEqual(['2026-01-02', 150, 50, false]);
  });

  it('given a gap, then the missing days carry the last value forward and say so', () => {
    const rows = run([
      followers('1', 100, '2026-01-01T02:00:00.000Z'),
      followers('1', 112, '2026-01-04T02:00:00.000Z'),
    ]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 100, 0, true],
      ['2026-01-03', 100, 0, true],
      ['2026-01-04', 112, 12, false],
    ]);
  });

  it("given a late fetch for a carried day, then that day and the next day's gain are corrected", () => {
    const rows = run([
      followers('1', 100, '2026-01-01T02:00:00.000Z'),
      followers('1', 112, '2026-01-03T02:00:00.000Z'),
      followers('1', 105, '2026-01-02T02:00:00.000Z'),
    ]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 105, 5, false],
      ['2026-01-03', 112, 7, false],
    ]);
  });

  it('keeps channels apart', () => {
    const rows = run([followers('1', 100, '2026-01-01T02:00:00.000Z'), followers('2', 7, '2026-01-01T03:00:00.000Z')]);
    expect(rows.rows('channel_analytics').map((r) => [r.channel_id, r.followers])).toEqual([
      ['1', 100],
      ['2', 7],
    ]);
  });
});

describe('channel-analytics projection: subscribers, streams and content', () => {
  const all = (events: CatalogueEvent[]) => run(events).rows('channel_analytics');
  const round = (x: unknown) => (x === null ? null : Math.round((x as number) * 1000) / 1000);

  it('given a stream across midnight, then each day gets its airtime, viewer-hours, average and peak', () => {
    // 23:30 start, samples 23:40 (60) and 00:20 (100); the line passes 80 at midnight.
    // Day 1: 23:30–23:40 flat 60 (600 viewer-min) + 23:40–00:00 60→80 (1400) = 2000 viewer-min over 30 min.
    // Day 2: 00:00–00:20 80→100 = 1800 viewer-min over 20 min.
    const rows = all([
      sample('1', 's1', '2026-06-01T23:30:00Z', '2026-06-01T23:40:00.000Z', 60),
      sample('1', 's1', '2026-06-01T23:30:00Z', '2026-06-02T00:20:00.000Z', 100),
      offline('1', 's1', '2026-06-01T23:30:00Z', '2026-06-02T00:20:00.000Z', '2026-06-02T00:21:00.000Z'),
    ]);
    expect(
      rows.map((r) => [
        r.day,
        r.streams,
        round(r.hours_streamed),
        round(r.hours_watched),
        round(r.avg_viewers),
        r.peak_viewers,
      ]),
    ).toEqual([
      ['2026-06-01', 1, 0.5, round(2000 / 60), round(2000 / 30), 60],
      ['2026-06-02', 0, round(20 / 60), 30, 90, 100],
    ]);
  });

  it("given a stream before the day's follower fetch, then the day first carries yesterday's count, then has its own", () => {
    const rows = all([
      followers('1', 100, '2026-06-01T02:00:00.000Z'),
      sample('1', 's1', '2026-06-02T01:00:00Z', '2026-06-02T01:30:00.000Z', 10),
      followers('1', 120, '2026-06-02T02:00:00.000Z'),
    ]);
    expect(rows.map((r) => [r.day, r.followers, r.followers_gained, r.carried_forward, r.streams])).toEqual([
      ['2026-06-01', 100, null, false, 0],
      ['2026-06-02', 120, 20, false, 1],
    ]);
  });

  it("given subscriber counts, then the day's latest count, carried to days without one", () => {
    const rows = all([
      followers('1', 100, '2026-06-01T02:00:00.000Z'),
      subscribers('1', 7, 9, '2026-06-01T02:00:01.000Z'),
      followers('1', 110, '2026-06-03T02:00:00.000Z'),
      subscribers('1', 8, 11, '2026-06-03T02:00:01.000Z'),
      subscribers('1', 6, 8, '2026-06-03T01:00:00.000Z'), // an earlier fetch of the same day, recorded late
    ]);
    expect(rows.map((r) => [r.day, r.subscribers, r.subscriber_points, r.carried_forward])).toEqual([
      ['2026-06-01', 7, 9, false],
      ['2026-06-02', 7, 9, true],
      ['2026-06-03', 8, 11, false],
    ]);
  });

  it('counts a video on the day it was published and a clip on the day it was made, once each', () => {
    const video = (views: number, at: string) =>
      event(
        'VideoStatsFetched',
        {
          broadcasterId: '1',
          video: {
            id: 'v1',
            user_id: '1',
            created_at: '2026-06-01T20:00:00Z',
            published_at: '2026-06-01T21:00:00Z',
            view_count: views,
            type: 'upload',
          },
        },
        at,
      );
    const clip = event(
      'ClipStatsFetched',
      {
        broadcasterId: '1',
        clip: { id: 'c1', broadcaster_id: '1', created_at: '2026-06-02T10:00:00Z', view_count: 3 },
      },
      '2026-06-02T11:00:00.000Z',
    );
    const rows = all([video(5, '2026-06-02T02:00:00.000Z'), video(50, '2026-06-03T02:00:00.000Z'), clip]);
    expect(rows.map((r) => [r.day, r.videos_published, r.clips_published])).toEqual([
      ['2026-06-01', 1, 0],
      ['2026-06-02', 0, 1],
    ]);
  });
});
