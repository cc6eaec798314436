import type { CatalogueEvent } from './catalogue/event-catalogue.js';

import { GAME, sample } from './testing/channel-events.js';
import { event, project } from './testing/project-events.js';
import { parseHelixDuration, videoAnalytics } from './video-analytics.projection.js';
import { must } from './must.js';

const run = (events: CatalogueEvent[]) => project(videoAnalytics, events).rows('video_analytics');
const video = (views: number, at: string, extra: Record<string, unknown> = {}) =>
  event(
    'VideoStatsFetched',
    {
      broadcasterId: '1',
      video: {
        id: 'v1',
        user_id: '1',
        created_at: '2026-01-01T20:00:00Z',
        published_at: '2026-01-01T20:00:00Z',
        view_count: views,
        type: 'archive',
        duration: '1h2m3s',
        title: 'VOD',
        ...extra,
      },
    },
    at,
  );

describe('video-analytics projection', () => {
  it('given view counts on several days, then views now and views gained over 1, 7 and 30 days', () => {
    const [row] = run([
      video(100, '2026-01-01T23:00:00.000Z'),
      video(130, '2026-01-02T02:00:00.000Z'),
      video(200, '2026-01-09T02:00:00.000Z'),
      video(210, '2026-01-10T02:00:00.000Z'),
    ]);
    // On Jan 10: 1 day back is Jan 9 (200); 7 days back is Jan 3, last known Jan 2 (130); 30 days back
    // is before the video existed, so all 210 views were gained in the window.
    expect([
      must(row, 'row').views,
      must(row, 'row').views_gained_1d,
      must(row, 'row').views_gained_7d,
      must(row, 'row').views_gained_30d,
    ]).toEqual([210, 10, 80, 210]);
    expect(must(row, 'row').view_history).toEqual([
      { day: '2026-01-01', views: 100 },
      { day: '2026-01-02', views: 130 },
      { day: '2026-01-09', views: 200 },
      { day: '2026-01-10', views: 210 },
    ]);
    expect([
      must(row, 'row').kind,
      must(row, 'row').duration_seconds,
      must(row, 'row').created_at,
      must(row, 'row').first_seen_at,
      must(row, 'row').last_fetched_at,
    ]).toEqual(['archive', 3723, '2026-01-01T20:00:00.000Z', '2026-01-01T23:00:00.000Z', '2026-01-10T02:00:00.000Z']);
  });

  it('keeps 90 days of history plus the count the 90-day gain starts from, and says when a gain is unknown', () => {
    const old = { created_at: '2025-06-01T00:00:00Z', published_at: '2025-06-01T00:00:00Z' };
    const [row] = run([
      video(1000, '2025-11-01T02:00:00.000Z', old),
      video(1010, '2025-11-20T02:00:00.000Z', old),
      video(1100, '2026-03-01T02:00:00.000Z', old),
    ]);
    expect(must(row, 'row').view_history).toEqual([
      { day: '2025-11-20', views: 1010 },
      { day: '2026-03-01', views: 1100 },
    ]);
    expect([
      must(row, 'row').views_gained_1d,
      must(row, 'row').views_gained_7d,
      must(row, 'row').views_gained_30d,
      must(row, 'row').views_gained_90d,
    ]).toEqual([90, 90, 90, 90]);
    // First seen long after its creation, with nothing before the window: the start is estimated
    // from creation (0 views) to the first count.
    const [first] = run([video(1000, '2026-01-01T02:00:00.000Z', old)]);
    const created = Date.parse(old.created_at);
    const share = (Date.parse('2025-12-03T00:00:00Z') - created) / (Date.parse('2026-01-01T02:00:00Z') - created);
    expect(first).toMatchObject({
      first_views: 1000,
      views_gained_1d: 0,
      views_gained_30d: 1000 - Math.round(1000 * share),
    });
  });

  it('gives an archive the game its stream started with, and a clip its own game and duration', () => {
    const rows = run([
      sample('1', 's9', '2026-01-01T19:00:00Z', '2026-01-01T19:05:00.000Z', 10, GAME.valorant),
      sample('1', 's9', '2026-01-01T19:00:00Z', '2026-01-01T19:15:00.000Z', 10, GAME.minecraft),
      video(5, '2026-01-02T02:00:00.000Z', { stream_id: 's9' }),
      event(
        'ClipStatsFetched',
        {
          broadcasterId: '1',
          clip: {
            id: 'Clip1',
            broadcaster_id: '1',
            created_at: '2026-01-01T19:10:00Z',
            view_count: 3,
            game_id: '27471',
            duration: 29.5,
          },
        },
        '2026-01-02T02:00:00.000Z',
      ),
    ]);
    expect(rows.map((r) => [r.video_id, r.kind, r.game_id, r.duration_seconds])).toEqual([
      ['Clip1', 'clip', '27471', 29.5],
      ['v1', 'archive', '516575', 3723],
    ]);
  });

  it('ignores a late fetch older than the one recorded', () => {
    const rows = run([video(50, '2026-01-05T02:00:00.000Z'), video(40, '2026-01-04T02:00:00.000Z')]);
    expect(rows.map((r) => r.views)).toEqual([50]);
  });

  it('reads Helix durations', () => {
    expect(['3m21s', '1h0m0s', '45s', '2h', 'soon'].map(parseHelixDuration)).toEqual([201, 3600, 45, 7200, null]);
  });
});
