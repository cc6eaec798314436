/**
 * Past streams through the API (issue #12): a channel's history shows the streams its live polls
 * observed; after a backfill of its videos, also the streams Twitch still holds only as archives,
 * marked reconstructed with their viewers unknown (null). Every reconstructed stream is checked
 * against the archive the backfill recorded (VideoStatsFetched, type archive): start, duration,
 * title; an archive of an observed stream adds nothing (observed wins).
 */
import { channelStream, type EventData } from '@creatorsync/projections';
import { must } from '../must.js';
import { projectionsCaughtUp } from '../testing/projections-caught-up.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { waitFor } from '../testing/wait-for.js';
import type { PastStreamDto, StreamHistoryResponse } from './get-stream-history/get-stream-history.response.js';

const ADMIN_KEY = 'admin-key-for-the-stream-history-test';
const DAYS = 60;
/** The backfill records an archive only once its stream ended at least this long before the fetch. */
const ARCHIVE_SETTLED_MS = 15 * 60_000;

type Video = EventData<'VideoStatsFetched'>['video'];

/** Helix's "3h2m21s" in seconds, computed here independently of the backfill's parser. */
function seconds(duration: string): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+)${unit}`).exec(duration)?.[1] ?? 0);
  return part('h') * 3600 + part('m') * 60 + part('s');
}

describe('stream history: observed and reconstructed streams', () => {
  let system: TestSystem;
  let token: string;
  let channelId: string;

  beforeAll(async () => {
    system = await startTestSystem({ ADMIN_KEY, DEMO_HISTORY_DAYS: '1', LIVE_POLL_MINUTES: '0' });
    await system.demoReady;
    token = await system.token('demo');
    const channels = must(system.simulator, 'system.simulator').world.channels;
    // The demo channel that streams most: its past day has observed streams, its archives many more.
    channelId = must(
      [...channels].sort((a, b) => b.averageViewers - a.averageViewers)[0],
      'the largest demo channel',
    ).id;
  });
  afterAll(() => system.stop());

  const today = () => new Date(must(system.simulator, 'system.simulator').clock.now()).toISOString().slice(0, 10);

  /** Every page of the history. */
  async function history(): Promise<{ first: StreamHistoryResponse; items: PastStreamDto[] }> {
    const items: PastStreamDto[] = [];
    let first: StreamHistoryResponse | undefined;
    for (let page = 1; ; page++) {
      const response = await system.get(
        `/api/analytics/stream-history?channel=${channelId}&days=${DAYS}&pageSize=10&page=${page}`,
        token,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as StreamHistoryResponse;
      first ??= body;
      items.push(...body.items);
      if (page >= body.totalPages) return { first, items };
    }
  }

  it('shows archives as reconstructed streams, equal to the archive events, observed ones winning', async () => {
    await projectionsCaughtUp(system.url);
    const before = await history();
    expect(before.first.reconstructed).toBe(0);
    expect(before.first.observed).toBeGreaterThan(0);
    expect(before.items.every((s) => !s.reconstructed && s.averageViewers !== null)).toBe(true);
    // An observed stream carries the figures the sessions table shows, the same as the detailed endpoint's.
    const detailed = (await (
      await system.get(`/api/analytics/detailed?channel=${channelId}&days=${DAYS}&pageSize=100`, token)
    ).json()) as { streams: { items: Array<{ id: string; hoursWatched: number; categories: unknown[] }> } };
    expect(before.items.map((s) => ({ id: s.id, hoursWatched: s.hoursWatched, categories: s.categories }))).toEqual(
      detailed.streams.items.map((s) => ({ id: s.id, hoursWatched: s.hoursWatched, categories: s.categories })),
    );

    const from = new Date(Date.parse(`${today()}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const started = await fetch(`${system.url}/api/admin/backfills`, {
      method: 'POST',
      headers: { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ channels: [channelId], from, to: today(), kinds: ['videos'] }),
    });
    expect(started.status).toBe(201);
    const { jobId } = (await started.json()) as { jobId: string };
    await waitFor(async () => {
      const view = (await (
        await fetch(`${system.url}/api/admin/backfills/${jobId}`, { headers: { 'x-admin-key': ADMIN_KEY } })
      ).json()) as { status: string };
      if (view.status === 'failed' || view.status === 'cancelled') throw new Error(`backfill ${jobId} ${view.status}`);
      return view.status === 'completed';
    }, 'the videos backfill to complete');
    await projectionsCaughtUp(system.url);
    const after = await history();

    // What the recorded archive events say, independently of the projection.
    const events = await system.parts.eventStore.readStream(channelStream(channelId));
    const archives = new Map<string, { video: Video; fetchedAt: string }>();
    for (const event of events) {
      if (event.type !== 'VideoStatsFetched') continue;
      if ((event.metadata as { source?: string }).source !== 'backfill') continue;
      const { video } = event.data as EventData<'VideoStatsFetched'>;
      if (video.type !== 'archive') continue;
      archives.set(video.id, { video, fetchedAt: (event.metadata as { fetchedAt: string }).fetchedAt });
    }
    const settled = [...archives.values()].filter(({ video, fetchedAt }) => {
      const endMs = Date.parse(video.created_at) + seconds(video.duration ?? '') * 1000;
      return seconds(video.duration ?? '') > 0 && endMs <= Date.parse(fetchedAt) - ARCHIVE_SETTLED_MS;
    });
    expect(settled.length).toBeGreaterThan(before.items.length);

    const observed = before.items;
    const overlapsObserved = (video: Video) => {
      const startMs = Date.parse(video.created_at);
      const endMs = startMs + seconds(video.duration ?? '') * 1000;
      return observed.some(
        (s) =>
          s.id === (video.stream_id ?? video.id) ||
          (Date.parse(s.startedAt) < endMs && startMs < Date.parse(s.endedAt ?? s.startedAt)),
      );
    };
    // The observed streams have archives too: those add nothing.
    expect(settled.filter(({ video }) => overlapsObserved(video)).length).toBeGreaterThan(0);
    const expected = settled
      .filter(({ video }) => !overlapsObserved(video))
      .map(({ video }) => ({
        id: video.stream_id ?? video.id,
        startedAt: new Date(video.created_at).toISOString(),
        endedAt: new Date(Date.parse(video.created_at) + seconds(video.duration ?? '') * 1000).toISOString(),
        durationHours: Math.round((seconds(video.duration ?? '') / 3600) * 10_000) / 10_000,
        averageViewers: null,
        peakViewers: null,
        hoursWatched: null,
        titles: video.title ? [video.title] : [],
        categories: [],
        reconstructed: true,
        videoId: video.id,
      }))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));

    expect(after.items.filter((s) => s.reconstructed)).toEqual(expected);
    expect(after.items.filter((s) => !s.reconstructed)).toEqual(observed);
    expect(after.first).toMatchObject({
      observed: observed.length,
      reconstructed: expected.length,
      total: observed.length + expected.length,
    });
    // Newest first across both kinds.
    const starts = after.items.map((s) => s.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());

    // The same window named as a range (from–to, as the dashboard's range picker sends it) gives the same page.
    const ranged = await system.get(
      `/api/analytics/stream-history?channel=${channelId}&from=${from}&to=${today()}&pageSize=10`,
      token,
    );
    expect(ranged.status).toBe(200);
    const rangedBody = (await ranged.json()) as StreamHistoryResponse;
    expect(rangedBody).toMatchObject({ from, to: today(), days: DAYS, total: after.first.total });
    expect(rangedBody.items).toEqual(after.items.slice(0, 10));
  });

  it('refuses bad parameters with a problem detail', async () => {
    const response = await system.get(`/api/analytics/stream-history?days=0`, token);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('days must be at least 1');
    const both = await system.get(`/api/analytics/stream-history?days=7&from=${today()}&to=${today()}`, token);
    expect(both.status).toBe(400);
    expect(((await both.json()) as { detail: string }).detail).toContain('give either days or from and to');
  });
});
