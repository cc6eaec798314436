/**
 * The analytics read endpoints over real HTTP on a seeded read model: overview, charts, detailed,
 * growth, content and best times — shapes, numbers (computed here from the seeded rows), channel
 * selection and isolation between users, and bad input.
 */
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import {
  A1,
  A2,
  ALICE,
  B1,
  BOB,
  BOB_SECRET,
  buildFixture,
  dayOffset,
  insertRows,
  seedReadModel,
  type Fixture,
} from './testing/analytics-fixture.js';
import { daysOf, lastKnown, mondayOf, pct, r2, sessionsStartedIn } from './testing/expected.js';
import { must } from '../must.js';
import type { OverviewResponse } from './get-overview/get-overview.response.js';
import type { ChartsResponse } from './get-charts/get-charts.response.js';
import type { DetailedResponse } from './get-detailed/get-detailed.response.js';
import type { GrowthResponse } from './get-growth/get-growth.response.js';
import type { ContentResponse } from './get-content/get-content.response.js';
import type { BestTimesResponse } from './get-best-times/get-best-times.response.js';
import { problemDetail } from '../testing/read-json.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { objectContaining } from '../testing/matchers.js';

describe('analytics queries', () => {
  let system: TestSystem;
  let fx: Fixture;
  let alice: string;
  let bob: string;

  const getJson = async <T>(path: string, token = alice): Promise<T> => {
    const response = await system.get(path, token);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0' }, { recordDemo: false });
    fx = buildFixture(system.parts.clock.now().toISOString().slice(0, 10));
    await seedReadModel(system, fx);
    alice = await system.token(ALICE);
    bob = await system.token(BOB);
  });
  afterAll(() => stopIfStarted(system));

  describe('overview', () => {
    it("gives the primary channel's levels with 7/30-day change and its 30-day flows against the 30 days before", async () => {
      const body = await getJson<OverviewResponse>('/api/analytics/overview');
      const days = daysOf(fx.days, A1);
      const asOf = must(days[days.length - 1], 'days[days.length - 1]').day;
      expect(body.channel).toEqual({ id: A1, login: 'alice_one', displayName: 'ALICE_ONE', profileImageUrl: null });
      expect(body.asOf).toBe(asOf);
      expect(body.periodDays).toBe(30);

      const followers = must(lastKnown(fx.days, A1, asOf, 'followers'), "lastKnown(fx.days, A1, asOf, 'followers')");
      // asOf − 7 has no row in the fixture: the day before it stands in.
      const ago7 = must(
        lastKnown(fx.days, A1, dayOffset(asOf, -7), 'followers'),
        "lastKnown(fx.days, A1, dayOffset(asOf, -7), 'followers')",
      );
      expect(daysOf(fx.days, A1, dayOffset(asOf, -7), dayOffset(asOf, -7))).toHaveLength(0);
      const ago30 = must(
        lastKnown(fx.days, A1, dayOffset(asOf, -30), 'followers'),
        "lastKnown(fx.days, A1, dayOffset(asOf, -30), 'followers')",
      );
      expect(body.followers).toEqual({
        current: followers,
        change7d: followers - ago7,
        change30d: followers - ago30,
        changePct7d: pct(followers, ago7),
        changePct30d: pct(followers, ago30),
        trend: followers > ago7 ? 'up' : followers < ago7 ? 'down' : 'flat',
      });
      const subs = must(lastKnown(fx.days, A1, asOf, 'subscribers'), "lastKnown(fx.days, A1, asOf, 'subscribers')");
      expect(body.subscribers.current).toBe(subs);
      expect(body.subscribers.change30d).toBe(
        subs -
          must(
            lastKnown(fx.days, A1, dayOffset(asOf, -30), 'subscribers'),
            "lastKnown(fx.days, A1, dayOffset(asOf, -30), 'subscribers')",
          ),
      );

      const now = daysOf(fx.days, A1, dayOffset(asOf, -29), asOf);
      const before = daysOf(fx.days, A1, dayOffset(asOf, -59), dayOffset(asOf, -30));
      const sum = (rows: typeof now, pick: (r: (typeof now)[number]) => number) =>
        rows.reduce((t, r) => t + pick(r), 0);
      const hoursNow = sum(now, (r) => r.hours_streamed);
      const hoursBefore = sum(before, (r) => r.hours_streamed);
      expect(body.hoursStreamed.current).toBeCloseTo(hoursNow, 2);
      expect(body.hoursStreamed.previous).toBeCloseTo(hoursBefore, 2);
      expect(body.hoursStreamed.change).toBeCloseTo(hoursNow - hoursBefore, 2);
      expect(body.streams).toMatchObject({
        current: sum(now, (r) => r.streams),
        previous: sum(before, (r) => r.streams),
      });
      const avgNow = sum(now, (r) => r.hours_watched) / hoursNow;
      const avgBefore = sum(before, (r) => r.hours_watched) / hoursBefore;
      expect(body.averageViewers.current).toBeCloseTo(avgNow, 1);
      expect(body.averageViewers.previous).toBeCloseTo(avgBefore, 1);
      expect(body.averageViewers.trend).toBe(avgNow > avgBefore ? 'up' : 'down');
    });

    it("answers for another of the user's channels, with no previous period when history is short", async () => {
      const body = await getJson<OverviewResponse>(`/api/analytics/overview?channel=${A2}`);
      const days = daysOf(fx.days, A2);
      expect(body.channel.id).toBe(A2);
      expect(body.followers.current).toBe(must(days[days.length - 1], 'days[days.length - 1]').followers);
      expect(body.followers.change7d).toBeNull();
      expect(body.hoursStreamed.previous).toBeNull();
      expect(body.hoursStreamed.trend).toBe('flat');
    });
  });

  describe('charts', () => {
    it('gives every series over the window, from the seeded rows', async () => {
      const body = await getJson<ChartsResponse>('/api/analytics/charts?days=30');
      const to = fx.today;
      const from = dayOffset(to, -29);
      expect(body).toMatchObject({ days: 30, from, to, channel: { id: A1 } });
      const days = daysOf(fx.days, A1, from, to);
      expect(body.followerGrowth).toEqual(
        days.map((d) => ({ day: d.day, followers: d.followers, gained: d.followers_gained })),
      );
      expect(body.viewership).toEqual(
        days.map((d) => ({
          day: d.day,
          averageViewers: d.hours_streamed > 0 ? r2(d.hours_watched / d.hours_streamed) : null,
          peakViewers: d.peak_viewers,
          hoursStreamed: d.hours_streamed,
          hoursWatched: d.hours_watched,
          streams: d.streams,
        })),
      );

      const weeks: Array<{ weekStart: string; streams: number; hoursStreamed: number }> = [];
      for (let week = mondayOf(from); week <= to; week = dayOffset(week, 7)) {
        const inWeek = sessionsStartedIn(
          fx.sessions,
          A1,
          week > from ? week : from,
          dayOffset(week, 6) < to ? dayOffset(week, 6) : to,
        );
        weeks.push({
          weekStart: week,
          streams: inWeek.length,
          hoursStreamed: inWeek.reduce((t, s) => t + s.duration_hours, 0),
        });
      }
      expect(body.streamFrequency).toEqual(weeks);
      expect(weeks.reduce((t, w) => t + w.streams, 0)).toBeGreaterThan(3);

      const games = new Map<string, { watched: number; hours: number; name: string | null }>();
      for (const s of sessionsStartedIn(fx.sessions, A1, from, to)) {
        for (const g of s.games) {
          const entry = games.get(g.game_id) ?? {
            watched: 0,
            hours: 0,
            name:
              g.game_name ??
              must(
                fx.games.find((x) => x.game_id === g.game_id),
                'fx.games.find((x) => x.game_id === g.game_id)',
              ).name,
          };
          entry.watched += g.hours_watched;
          entry.hours += g.hours;
          games.set(g.game_id, entry);
        }
      }
      const top = [...games.entries()].sort((a, b) => b[1].watched - a[1].watched);
      expect(body.topGames.map((g) => g.gameId)).toEqual(top.map(([id]) => id));
      body.topGames.forEach((g, i) => {
        const [, e] = must(top[i], 'top[i]');
        expect(g.gameName).toBe(e.name);
        expect(g.hoursWatched).toBeCloseTo(e.watched, 6);
        expect(g.hoursStreamed).toBeCloseTo(e.hours, 6);
        expect(g.averageViewers).toBeCloseTo(e.watched / e.hours, 1);
      });

      const videos = fx.videos
        .filter((v) => v.channel_id === A1 && v.kind !== 'clip' && v.created_at >= `${from}T00:00:00.000Z`)
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      expect(body.videoPerformance).toEqual(
        videos.map((v) => ({
          id: v.video_id,
          kind: v.kind,
          title: v.title,
          createdAt: v.created_at,
          views: v.views,
          viewsGained7d: v.views_gained_7d,
        })),
      );
    });

    it('a custom from–to range gives the series of those days, and the range that equals days=30 gives the same answer', async () => {
      const from = dayOffset(fx.today, -20);
      const to = dayOffset(fx.today, -10);
      const body = await getJson<ChartsResponse>(`/api/analytics/charts?from=${from}&to=${to}`);
      expect(body).toMatchObject({ days: 11, from, to, channel: { id: A1 } });
      expect(body.followerGrowth).toEqual(
        daysOf(fx.days, A1, from, to).map((d) => ({ day: d.day, followers: d.followers, gained: d.followers_gained })),
      );
      const sameAsDays = await getJson<ChartsResponse>(
        `/api/analytics/charts?from=${dayOffset(fx.today, -29)}&to=${fx.today}`,
      );
      expect(sameAsDays).toEqual(await getJson<ChartsResponse>('/api/analytics/charts?days=30'));
    });

    it("a backfill's follower totals show apart, marked reconstructed, only for days before the first observed one", async () => {
      const firstObserved = must(
        daysOf(fx.days, A2).find((d) => d.followers !== null),
        "A2's first observed follower total",
      ).day;
      const reconstructed = [-3, -2, -1, 0, 1].map((offset) => ({
        channel_id: A2,
        day: dayOffset(firstObserved, offset),
        followers: 50 + offset,
        total_at_fetch: 80,
        fetched_at: `${fx.today}T00:00:00.000Z`,
      }));
      await insertRows(system.db.pool, 'followers_reconstructed', reconstructed);
      try {
        const from = dayOffset(firstObserved, -2);
        const body = await getJson<ChartsResponse>(`/api/analytics/charts?channel=${A2}&from=${from}&to=${fx.today}`);
        // Observed wins: the first observed day and those after it are observed only, never both.
        expect(body.followerGrowthReconstructed).toEqual([
          { day: dayOffset(firstObserved, -2), followers: 48, reconstructed: true },
          { day: dayOffset(firstObserved, -1), followers: 49, reconstructed: true },
        ]);
        expect(body.followerGrowth[0]?.day).toBe(firstObserved);
        // A window after the first observed day has none.
        const later = await getJson<ChartsResponse>(
          `/api/analytics/charts?channel=${A2}&from=${firstObserved}&to=${fx.today}`,
        );
        expect(later.followerGrowthReconstructed).toEqual([]);
      } finally {
        await system.db.pool.query('DELETE FROM public.followers_reconstructed WHERE channel_id = $1', [A2]);
      }
    });

    it('a one-day window holds only today', async () => {
      const body = await getJson<ChartsResponse>('/api/analytics/charts?days=1');
      expect(body).toMatchObject({ from: fx.today, to: fx.today, followerGrowth: [] });
      expect(body.streamFrequency).toEqual([{ weekStart: mondayOf(fx.today), streams: 0, hoursStreamed: 0 }]);
    });
  });

  describe('detailed', () => {
    it('sums the window and pages its stream sessions, newest first, with titles and categories', async () => {
      const body = await getJson<DetailedResponse>('/api/analytics/detailed?days=60&page=2&pageSize=5');
      const from = dayOffset(fx.today, -59);
      const days = daysOf(fx.days, A1, from, fx.today);
      expect(body.daily).toHaveLength(days.length);
      expect(body.daily[0]).toMatchObject({
        day: must(days[0], 'days[0]').day,
        followers: must(days[0], 'days[0]').followers,
        subscribers: must(days[0], 'days[0]').subscribers,
        carriedForward: false,
      });
      const hours = days.reduce((t, d) => t + d.hours_streamed, 0);
      const watched = days.reduce((t, d) => t + d.hours_watched, 0);
      expect(body.summary).toMatchObject({
        followers: must(days[days.length - 1], 'days[days.length - 1]').followers,
        followersGained: days.reduce((t, d) => t + (d.followers_gained ?? 0), 0),
        streams: days.reduce((t, d) => t + d.streams, 0),
        peakViewers: Math.max(...days.map((d) => d.peak_viewers ?? 0)),
        clipsPublished: days.reduce((t, d) => t + d.clips_published, 0),
      });
      expect(body.summary.hoursStreamed).toBeCloseTo(hours, 2);
      expect(body.summary.averageViewers).toBeCloseTo(watched / hours, 1);

      const sessions = sessionsStartedIn(fx.sessions, A1, from, fx.today).sort((a, b) =>
        b.started_at.localeCompare(a.started_at),
      );
      expect(body.streams).toMatchObject({
        page: 2,
        pageSize: 5,
        total: sessions.length,
        totalPages: Math.ceil(sessions.length / 5),
      });
      expect(body.streams.items).toEqual(
        sessions.slice(5, 10).map((s) => ({
          id: s.stream_id,
          startedAt: s.started_at,
          endedAt: s.ended_at,
          durationHours: s.duration_hours,
          averageViewers: s.avg_viewers,
          peakViewers: s.peak_viewers,
          hoursWatched: s.hours_watched,
          followersGained: s.followers_gained,
          titles: s.titles,
          categories: s.games.map((g) => ({
            id: g.game_id,
            name:
              g.game_name ??
              must(
                fx.games.find((x) => x.game_id === g.game_id),
                'fx.games.find((x) => x.game_id === g.game_id)',
              ).name,
          })),
        })),
      );
    });

    it('a custom from–to range holds the days and the sessions that started in it', async () => {
      const from = dayOffset(fx.today, -45);
      const to = dayOffset(fx.today, -15);
      const body = await getJson<DetailedResponse>(`/api/analytics/detailed?from=${from}&to=${to}&pageSize=100`);
      expect(body).toMatchObject({ days: 31, from, to });
      expect(body.daily.map((d: { day: string }) => d.day)).toEqual(daysOf(fx.days, A1, from, to).map((d) => d.day));
      const sessions = sessionsStartedIn(fx.sessions, A1, from, to);
      expect(sessions.length).toBeGreaterThan(0);
      expect(body.streams.total).toBe(sessions.length);
      expect(body.streams.items.map((s: { id: string }) => s.id).sort()).toEqual(
        sessions.map((s) => s.stream_id).sort(),
      );
    });

    it('a page past the end is empty, not an error', async () => {
      const body = await getJson<DetailedResponse>('/api/analytics/detailed?days=7&page=50');
      expect(body.streams.items).toEqual([]);
      expect(body.streams.total).toBe(sessionsStartedIn(fx.sessions, A1, dayOffset(fx.today, -6), fx.today).length);
    });
  });

  describe('growth', () => {
    it("by week: totals at each week's end and viewers within it, with absolute and relative change", async () => {
      const body = await getJson<GrowthResponse>('/api/analytics/growth?period=week&periods=6');
      expect(body.period).toBe('week');
      const starts = [mondayOf(fx.today)];
      while (starts.length < 7) starts.unshift(dayOffset(must(starts[0], 'starts[0]'), -7));
      const buckets = starts.map((start) => {
        const end = dayOffset(start, 6) < fx.today ? dayOffset(start, 6) : fx.today;
        const rows = daysOf(fx.days, A1, start, end);
        const hours = rows.reduce((t, r) => t + r.hours_streamed, 0);
        const avg = hours > 0 ? r2(rows.reduce((t, r) => t + r.hours_watched, 0) / hours) : null;
        return {
          start,
          end,
          followers: lastKnown(fx.days, A1, end, 'followers'),
          subscribers: lastKnown(fx.days, A1, end, 'subscribers'),
          avg,
          hours,
          streams: rows.reduce((t, r) => t + r.streams, 0),
        };
      });
      expect(body.periods).toHaveLength(6);
      body.periods.forEach((p, i) => {
        const [b, prev] = [must(buckets[i + 1], 'buckets[i + 1]'), must(buckets[i], 'buckets[i]')];
        expect(p).toMatchObject({ start: b.start, end: b.end, complete: b.end < fx.today, streams: b.streams });
        expect(p.followers).toEqual({
          value: b.followers,
          change: must(b.followers, 'b.followers') - must(prev.followers, 'prev.followers'),
          changePct: pct(b.followers, prev.followers),
        });
        expect(p.subscribers.value).toBe(b.subscribers);
        expect(p.averageViewers.value).toBe(b.avg);
        expect(p.averageViewers.change).toBe(b.avg === null || prev.avg === null ? null : r2(b.avg - prev.avg));
        expect(p.hoursStreamed).toBeCloseTo(b.hours, 2);
      });
      expect(must(body.periods[5], 'period 5').complete).toBe(false);
    });

    it('by month by default, 12 periods, before the first data the totals are unknown', async () => {
      const body = await getJson<GrowthResponse>('/api/analytics/growth');
      expect(body.period).toBe('month');
      expect(body.periods).toHaveLength(12);
      expect(must(body.periods[0], 'period 0').followers).toEqual({ value: null, change: null, changePct: null });
      expect(must(body.periods[11], 'period 11').end).toBe(fx.today);
      expect(must(body.periods[11], 'period 11').start).toBe(`${fx.today.slice(0, 7)}-01`);
    });
  });

  describe('content', () => {
    it('ranks each type by views and by views gained, and reports games from streams and clips', async () => {
      const body = await getJson<ContentResponse>('/api/analytics/content?limit=2&window=7d');
      const mine = fx.videos.filter((v) => v.channel_id === A1);
      const kinds = [...new Set(mine.map((v) => v.kind))].sort();
      expect(body.window).toBe('7d');
      expect(body.types.map((t) => t.kind)).toEqual(kinds);
      for (const type of body.types) {
        const ofKind = mine.filter((v) => v.kind === type.kind);
        expect(type.count).toBe(ofKind.length);
        expect(type.totalViews).toBe(ofKind.reduce((t, v) => t + v.views, 0));
        expect(type.totalViewsGained).toBe(ofKind.reduce((t, v) => t + (v.views_gained_7d ?? 0), 0));
        const byViews = [...ofKind].sort((a, b) => b.views - a.views).slice(0, 2);
        const byGained = [...ofKind]
          .sort((a, b) => (b.views_gained_7d ?? -1) - (a.views_gained_7d ?? -1) || b.views - a.views)
          .slice(0, 2);
        expect(type.topByViews.map((v) => v.id)).toEqual(byViews.map((v) => v.video_id));
        expect(type.topByViewsGained.map((v) => v.id)).toEqual(byGained.map((v) => v.video_id));
        expect(type.topByViews[0]).toMatchObject({
          title: must(byViews[0], 'byViews[0]').title,
          views: must(byViews[0], 'byViews[0]').views,
          viewsGained: must(byViews[0], 'byViews[0]').views_gained_7d,
        });
      }
      const clips = mine.filter((v) => v.kind === 'clip');
      const gameIds = [
        ...new Set([
          ...fx.gameAnalytics.filter((g) => g.channel_id === A1).map((g) => g.game_id),
          ...clips.map((c) => must(c.game_id, 'c.game_id')),
        ]),
      ];
      const channelHours = fx.gameAnalytics
        .filter((g) => g.channel_id === A1)
        .reduce((t, g) => t + g.hours_streamed, 0);
      const expected = gameIds
        .map((id) => {
          const ga = fx.gameAnalytics.find((g) => g.channel_id === A1 && g.game_id === id);
          const gameClips = clips.filter((c) => c.game_id === id);
          return {
            gameId: id,
            gameName:
              ga?.game_name ??
              must(
                fx.games.find((g) => g.game_id === id),
                'fx.games.find((g) => g.game_id === id)',
              ).name,
            hoursWatched: ga?.hours_watched ?? 0,
            streams: ga?.streams ?? 0,
            clips: gameClips.length,
            clipViews: gameClips.reduce((t, c) => t + c.views, 0),
            airtimeShare: ga ? ga.hours_streamed / channelHours : 0,
          };
        })
        .sort((a, b) => b.hoursWatched - a.hoursWatched || b.clipViews - a.clipViews);
      expect(body.games).toHaveLength(expected.length);
      body.games.forEach((g, i) => expect(g).toMatchObject(must(expected[i], 'expected[i]')));
    });

    it('the 30-day window ranks by the 30-day gain', async () => {
      const body = await getJson<ContentResponse>('/api/analytics/content?window=30d&limit=1');
      const clip = must(
        body.types.find((t) => t.kind === 'clip'),
        'the clip type',
      );
      const best = must(
        fx.videos
          .filter((v) => v.channel_id === A1 && v.kind === 'clip')
          .sort((a, b) => (b.views_gained_30d ?? -1) - (a.views_gained_30d ?? -1))[0],
        "fx.videos .filter((v) => v.channel_id === A1 && v.kind === 'clip') .s…",
      );
      expect(clip.topByViewsGained).toEqual([
        objectContaining({ id: best.video_id, viewsGained: best.views_gained_30d }),
      ]);
    });
  });

  describe('best times', () => {
    it("gives the 168-slot week in the channel's zone, and the best slots", async () => {
      const body = await getJson<BestTimesResponse>('/api/analytics/best-times');
      expect(body.channel.id).toBe(A1);
      expect(body.timeZone).toBe(
        must(
          fx.timeZones.find((z) => z.channel_id === A1),
          'fx.timeZones.find((z) => z.channel_id === A1)',
        ).time_zone,
      );
      expect(body.slots).toHaveLength(168);
      const seeded = fx.bestTimes.filter((b) => b.channel_id === A1);
      for (let weekday = 1; weekday <= 7; weekday++) {
        for (let hour = 0; hour < 24; hour++) {
          const slot = must(body.slots[(weekday - 1) * 24 + hour], 'slot');
          const row = seeded.find((b) => b.weekday === weekday && b.hour === hour);
          expect(slot).toMatchObject({
            weekday,
            hour,
            hoursStreamed: row?.hours_streamed ?? 0,
            followersGained: row?.followers_gained ?? 0,
          });
          if (row) expect(slot.averageViewers).toBeCloseTo(must(row.avg_viewers, 'row.avg_viewers'), 1);
          else expect(slot.averageViewers).toBeNull();
        }
      }
      const key = (b: { weekday: number; hour: number }) => `${b.weekday}:${b.hour}`;
      const byAverage = seeded
        .filter((b) => b.hours_streamed >= body.minHours)
        .sort(
          (a, b) =>
            must(b.avg_viewers, 'b.avg_viewers') - must(a.avg_viewers, 'a.avg_viewers') ||
            a.weekday - b.weekday ||
            a.hour - b.hour,
        )
        .slice(0, 5);
      expect(body.bestByAverageViewers.map(key)).toEqual(byAverage.map(key));
      const byFollowers = seeded
        .filter((b) => b.followers_gained > 0)
        .sort((a, b) => b.followers_gained - a.followers_gained || a.weekday - b.weekday || a.hour - b.hour)
        .slice(0, 5);
      expect(body.bestByFollowersGained.map(key)).toEqual(byFollowers.map(key));
    });

    it('a channel without a time zone or data yet: UTC and an empty week', async () => {
      const body = await getJson<BestTimesResponse>(`/api/analytics/best-times?channel=${A2}`);
      expect(body.timeZone).toBe('UTC');
      expect(body.slots[0]).toEqual({
        weekday: 1,
        hour: 0,
        hoursStreamed: 0,
        hoursWatched: 0,
        averageViewers: null,
        followersGained: 0,
      });
      expect(body.bestByAverageViewers).toEqual([]);
    });
  });

  describe('channel selection and isolation', () => {
    const endpoints = [
      '/api/analytics/overview',
      '/api/analytics/charts?days=90',
      '/api/analytics/detailed?days=90&pageSize=100',
      '/api/analytics/growth?period=week&periods=20',
      '/api/analytics/content?limit=100',
      '/api/analytics/best-times',
    ];

    it.each(endpoints)("%s never shows alice anything of bob's", async (path) => {
      for (const channel of [undefined, A2]) {
        const text = JSON.stringify(
          await getJson<unknown>(channel ? `${path}${path.includes('?') ? '&' : '?'}channel=${channel}` : path),
        );
        expect(text).not.toContain(B1);
        expect(text).not.toContain(BOB_SECRET);
        expect(text).not.toContain('bob_secret');
        expect(text).not.toMatch(/\b15\d{5}\b/); // bob's follower totals are 1.5 million and more
      }
    });

    it.each(endpoints)(
      '%s answers 404 for a channel of another user, and for a user without channels',
      async (path) => {
        const foreign = await system.get(`${path}${path.includes('?') ? '&' : '?'}channel=${B1}`, alice);
        expect(foreign.status).toBe(404);
        expect(await problemDetail(foreign)).toBe(`Channel ${B1} not found among your channels`);
        const nobody = await system.get(path, await system.token('nobody'));
        expect(nobody.status).toBe(404);
        expect(await problemDetail(nobody)).toBe('No Twitch channel is connected to your account yet');
      },
    );

    it('bob sees his own channel', async () => {
      const body = await getJson<OverviewResponse>('/api/analytics/overview', bob);
      expect(body.channel).toMatchObject({ id: B1, login: 'bob_secret' });
      expect(body.followers.current).toBe(must(daysOf(fx.days, B1).pop(), 'daysOf(fx.days, B1).pop()').followers);
    });
  });

  describe('rejects bad input with a 400 that says what is wrong', () => {
    it.each([
      ['/api/analytics/charts?days=0', 'days must be at least 1'],
      ['/api/analytics/charts?days=731', 'days must be at most 730'],
      ['/api/analytics/charts?days=2.5', 'days must be a whole number'],
      ['/api/analytics/charts?days=1&days=2', 'days must be a whole number'],
      ['/api/analytics/overview?channel=abc', 'channel must be a Twitch broadcaster id (digits)'],
      ['/api/analytics/overview?colour=red', 'unknown parameter "colour"'],
      ['/api/analytics/detailed?page=0', 'page must be at least 1'],
      ['/api/analytics/detailed?pageSize=101', 'pageSize must be at most 100'],
      ['/api/analytics/detailed?pageSize=many', 'pageSize must be a whole number'],
      ['/api/analytics/growth?period=decade', 'period must be one of: week, month, quarter, year'],
      ['/api/analytics/growth?periods=121', 'periods must be at most 120'],
      ['/api/analytics/content?limit=0', 'limit must be at least 1'],
      ['/api/analytics/content?limit=101', 'limit must be at most 100'],
      ['/api/analytics/content?window=2d', 'window must be one of: 1d, 7d, 30d'],
      ['/api/analytics/best-times?days=7', 'unknown parameter "days"'],
      ['/api/analytics/charts?from=2026-1-5&to=2026-01-09', 'from must be a day (YYYY-MM-DD)'],
      ['/api/analytics/charts?from=2026-01-05&to=yesterday', 'to must be a day (YYYY-MM-DD)'],
      ['/api/analytics/charts?from=2025-02-30&to=2025-03-09', 'from is not a calendar day: 2025-02-30'],
      ['/api/analytics/charts?from=2025-03-09&to=2025-03-01', 'from (2025-03-09) is after to (2025-03-01)'],
      ['/api/analytics/charts?from=2025-03-01', 'from and to go together'],
      ['/api/analytics/detailed?to=2025-03-01', 'from and to go together'],
      ['/api/analytics/detailed?days=7&from=2025-03-01&to=2025-03-02', 'give either days or from and to, not both'],
      ['/api/analytics/charts?from=2020-01-01&to=2025-03-01', 'spans 1887 days; at most 730'],
      [
        '/api/analytics/export?dataset=daily&from=2025-03-09&to=2025-03-01',
        'from (2025-03-09) is after to (2025-03-01)',
      ],
    ])('%s', async (path, detail) => {
      const response = await system.get(path, alice);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await problemDetail(response)).toContain(detail);
    });

    it('a range that ends after today (on the server clock), on every endpoint that takes one', async () => {
      const tomorrow = dayOffset(fx.today, 1);
      for (const endpoint of ['charts?', 'detailed?', 'stream-history?', 'export?dataset=streams&']) {
        const response = await system.get(`/api/analytics/${endpoint}from=${fx.today}&to=${tomorrow}`, alice);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await problemDetail(response)).toBe(
          `to (${tomorrow}) is in the future: the last day with data is today, ${fx.today}`,
        );
      }
    });
  });
});
