/**
 * GET /api/analytics/streams/:streamId over real HTTP on the demo history: the curve is the
 * stream's LiveStreamSampled events, its game and title changes are the ones those events show,
 * its totals are the session's, its clips were made during it; another user's stream is 404 and a
 * malformed id 400.
 */
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { stopIfStarted } from '../testing/clean-up.js';

interface Report {
  channel: { id: string };
  stream: { id: string; peakViewers: number; startedAt: string; endedAt: string | null };
  samples: Array<{ at: string; viewers: number; gameId: string; title: string | null }>;
  changes: Array<{ at: string; kind: 'game' | 'title' }>;
  gameSpans: Array<{ gameId: string; from: string; to: string }>;
  clips: Array<{ createdAt: string }>;
}

interface Sampled {
  stream: { id: string; viewer_count: number; game_id?: string; title?: string };
}

describe('stream report', () => {
  let system: TestSystem;
  let demo: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '7', LIVE_POLL_MINUTES: '0', COLLECTION_JITTER_MS: '0' });
    await system.demoReady;
    await system.projectionsCaughtUp();
    demo = await system.token('demo');
  }, 600_000);
  afterAll(() => stopIfStarted(system));

  /** The demo user's stream with the most game and title changes (the richest curve). */
  async function richestStream(): Promise<{ channelId: string; streamId: string }> {
    const { rows } = await system.db.pool.query<{ channel_id: string; stream_id: string }>(
      `SELECT s.channel_id, s.stream_id FROM stream_sessions s
         JOIN account_channels a ON a.channel_id = s.channel_id AND a.user_id = 'demo'
        WHERE s.ended_at IS NOT NULL
        ORDER BY jsonb_array_length(s.games) + cardinality(s.titles) DESC, s.samples DESC, s.stream_id LIMIT 1`,
    );
    const row = rows[0];
    if (!row) throw new Error('the demo history recorded no finished stream for the demo user');
    return { channelId: row.channel_id, streamId: row.stream_id };
  }

  it("draws the stream's samples, marks the changes its events show, and lists the clips made during it", async () => {
    const { channelId, streamId } = await richestStream();
    const response = await system.get(`/api/analytics/streams/${streamId}`, demo);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.channel.id).toBe(channelId);
    expect(report.stream.id).toBe(streamId);

    const events = (await system.parts.eventStore.readStream(`twitch-channel-${channelId}`))
      .filter((e) => e.type === 'LiveStreamSampled' && (e.data as Sampled).stream.id === streamId)
      .map((e) => ({ at: (e.metadata as { fetchedAt: string }).fetchedAt, ...(e.data as Sampled).stream }));
    const distinct = [...new Map(events.map((e) => [new Date(e.at).toISOString(), e])).values()].sort((a, b) =>
      a.at < b.at ? -1 : 1,
    );
    expect(report.samples.map((s) => s.viewers)).toEqual(distinct.map((e) => e.viewer_count));
    expect(report.stream.peakViewers).toBe(Math.max(...distinct.map((e) => e.viewer_count)));

    const gameChanges = distinct.filter((e, i) => i > 0 && (e.game_id ?? '') !== (distinct[i - 1]?.game_id ?? ''));
    const titleChanges = distinct.filter(
      (e, i) => i > 0 && e.title && distinct[i - 1]?.title && e.title !== distinct[i - 1]?.title,
    );
    expect(report.changes.filter((c) => c.kind === 'game')).toHaveLength(gameChanges.length);
    expect(report.changes.filter((c) => c.kind === 'title')).toHaveLength(titleChanges.length);
    expect(report.gameSpans).toHaveLength(gameChanges.length + 1);
    expect(report.gameSpans[0]?.from).toBe(report.stream.startedAt);
    expect(report.gameSpans.at(-1)?.to).toBe(report.stream.endedAt);

    const end = report.stream.endedAt ?? report.stream.startedAt;
    for (const clip of report.clips) {
      expect(clip.createdAt >= report.stream.startedAt && clip.createdAt <= end).toBe(true);
    }
  });

  it("is 404 for another user's stream, and 400 for a malformed id", async () => {
    const { streamId } = await richestStream();
    const stranger = await system.token('stranger');
    const other = await system.get(`/api/analytics/streams/${streamId}`, stranger);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { detail: string }).detail).toContain('not found');
    const bad = await system.get(`/api/analytics/streams/${encodeURIComponent('a b')}`, demo);
    expect(bad.status).toBe(400);
  });
});
