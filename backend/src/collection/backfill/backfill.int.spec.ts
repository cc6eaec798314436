/**
 * Backfills against the Helix simulator over real HTTP and the real Postgres event store: a re-run
 * and an overlapping range record nothing twice; a run stopped mid-walk resumes at the recorded
 * cursor; a dry run fetches no list page; a cancel is recorded and stops the job; a daily job
 * during a large backfill goes first and nobody draws a 429.
 */
import { channelStream, jobStream } from '@creatorsync/projections';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { silentLogger } from '../../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { followersAt } from '../../twitch/simulator/channel-audience.js';
import { JobLeases } from '../jobs/job-leases.js';
import { SUBSCRIPTIONS_SCOPE } from '../jobs/connected-channels.js';
import { startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { BackfillJobs } from './backfill-jobs.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';
import { arrayContaining } from '../../testing/matchers.js';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('backfills', () => {
  let db: TestDatabase;
  let rig: CollectionRig;
  let small: string;
  let large: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 6 });
    const now = new Date(rig.clock.nowMs());
    const bySize = [...rig.sim.world.channels].sort(
      (a, b) => followersAt(a, now, rig.sim.world.seed) - followersAt(b, now, rig.sim.world.seed),
    );
    small = must(
      bySize.find((c) => followersAt(c, now, rig.sim.world.seed) > 200),
      'bySize.find((c) => followersAt(c, now, rig.sim.world.seed) > 200)',
    ).id;
    large = must(bySize.at(-1), 'bySize.at(-1)').id;
    // The follower list needs the broadcaster's token with moderator:read:followers.
    for (const id of [small, large]) {
      const code = rig.sim.tokens.issueCode(
        {
          clientId: rig.sim.clientId,
          userId: id,
          scopes: [SUBSCRIPTIONS_SCOPE, 'moderator:read:followers'],
          redirectUri: 'http://127.0.0.1/cb',
        },
        rig.clock.nowMs(),
      );
      await rig.tokens.save(id, await rig.helix.oauth.exchangeCode(code, 'http://127.0.0.1/cb'));
    }
  });
  afterAll(async () => {
    await stopIfStarted(rig);
    await dropIfCreated(db);
  });

  const backfillEvents = async (id: string): Promise<RecordedEvent[]> =>
    (await rig.eventStore.readStream(channelStream(id)).catch(() => [])).filter(
      (e) => (e.metadata as { source: string }).source === 'backfill',
    );
  const today = () => day(rig.clock.nowMs());
  const daysAgo = (n: number) => day(rig.clock.nowMs() - n * DAY_MS);
  const run = async (input: { channels: string[]; from: string; to: string; kinds?: string[]; dryRun?: boolean }) => {
    const job = await rig.backfills.start({ dryRun: false, requestedBy: null, ...input });
    return { jobId: job.jobId, summary: await job.finished };
  };

  it('records followers per day, videos, sessions and clips; a second run and an overlapping range record nothing twice', async () => {
    const first = await run({ channels: [small], from: daysAgo(90), to: daysAgo(1) });
    expect(first.summary).toMatchObject({ status: 'completed', failures: [] });
    const afterFirst = await backfillEvents(small);
    const types = new Set(afterFirst.map((e) => e.type));
    expect([...types].sort()).toEqual(
      arrayContaining([
        'FollowersListed',
        'FollowerCountReconstructed',
        'VideoStatsFetched',
        'StreamSessionReconstructed',
        'ClipStatsFetched',
      ]),
    );
    const counts = afterFirst.filter((e) => e.type === 'FollowerCountReconstructed');
    expect(counts).toHaveLength(90);
    expect(first.summary.eventsWritten).toBe(afterFirst.length);

    const again = await run({ channels: [small], from: daysAgo(90), to: daysAgo(1) });
    expect(again.summary).toMatchObject({ status: 'completed', eventsWritten: 0 });
    expect(again.summary.skipped).toBeGreaterThan(0);
    expect((await backfillEvents(small)).map((e) => e.id)).toEqual(afterFirst.map((e) => e.id));

    const overlapping = await run({ channels: [small], from: daysAgo(120), to: daysAgo(60), kinds: ['followers'] });
    expect(overlapping.summary.status).toBe('completed');
    const all = (await backfillEvents(small)).filter((e) => e.type === 'FollowerCountReconstructed');
    const perDay = new Map<string, number>();
    for (const e of all)
      perDay.set((e.data as { day: string }).day, (perDay.get((e.data as { day: string }).day) ?? 0) + 1);
    expect(perDay.size).toBe(120);
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);

    // The raw listings: one per day that had followers, each follower once, and the days both
    // ranges cover listed once with the same followers.
    const listings = (await backfillEvents(small)).filter((e) => e.type === 'FollowersListed');
    const listed = listings.map(
      (e) => e.data as { day: string; followers: Array<{ user_id: string; followed_at: string }> },
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((l) => l.day)).size).toBe(listed.length);
    for (const l of listed) {
      expect(new Set(l.followers.map((f) => f.user_id)).size).toBe(l.followers.length);
      expect(l.followers.every((f) => f.followed_at.slice(0, 10) === l.day)).toBe(true);
    }
    const firstListings = afterFirst.filter((e) => e.type === 'FollowersListed').map((e) => e.id);
    expect(listings.map((e) => e.id).slice(0, firstListings.length)).toEqual(firstListings);
    // Every listed follower of the first run's range is still there, once (the total is what Twitch listed).
    const followersIn = (from: string, to: string) =>
      listed.filter((l) => l.day >= from && l.day <= to).reduce((n, l) => n + l.followers.length, 0);
    const firstRunFollowers = afterFirst
      .filter((e) => e.type === 'FollowersListed')
      .reduce((n, e) => n + (e.data as { followers: unknown[] }).followers.length, 0);
    expect(followersIn(daysAgo(90), daysAgo(1))).toBe(firstRunFollowers);
  });

  it('a dry run fetches no list page and says which requests it would make and how long they take', async () => {
    const before = rig.sim.requests.length;
    const dry = await run({ channels: [large], from: daysAgo(365), to: today(), dryRun: true });
    expect(dry.summary.status).toBe('completed');
    const sent = rig.sim.requests.slice(before).filter((r) => !r.endpoint.startsWith('/oauth2'));
    expect(
      sent.every((r) => r.endpoint === '/channels/followers' && r.query.some(([k, v]) => k === 'first' && v === '1')),
    ).toBe(true);
    expect(sent.every((r) => r.bucket === undefined || !r.bucket.startsWith('user'))).toBe(true);
    const view = await rig.backfills.view(dry.jobId);
    expect(must(view.estimate, 'view.estimate').totalRequests).toBeGreaterThan(
      Math.floor(
        followersAt(
          must(rig.sim.world.channelById.get(large), 'rig.sim.world.channelById.get(large)'),
          new Date(rig.clock.nowMs()),
          rig.sim.world.seed,
        ) / 100,
      ),
    );
    expect(must(view.estimate, 'view.estimate').estimatedSeconds).toBeGreaterThan(0);
    expect(await backfillEvents(large)).toEqual([]);
  });

  it('budget sharing: a daily job during a large backfill goes first, completes as usual, and nobody draws a 429', async () => {
    const daily = async () => {
      const simStart = rig.clock.nowMs();
      const summary = await (
        await rig.jobs.start({ kind: 'daily', requestedBy: null, broadcasterIds: rig.channelIds, source: 'scheduled' })
      ).finished;
      return { summary, simulatedMs: rig.clock.nowMs() - simStart };
    };
    const before = rig.sim.requests.length;
    const alone = await daily();
    const dailyRequests = rig.sim.requests.length - before;
    // Clip windows of every channel over eight years: thousands of requests on the app bucket.
    const job = await rig.backfills.start({
      channels: rig.channelIds,
      from: daysAgo(3_000),
      to: daysAgo(1),
      kinds: ['clips'],
      dryRun: false,
      requestedBy: null,
    });
    const backfillStart = rig.sim.requests.length;
    await waitFor(
      () => Promise.resolve(rig.sim.requests.length - backfillStart >= 1_000),
      'the backfill to drain the bucket',
    );
    const during = await daily();
    await rig.backfills.cancel(job.jobId, 'test');
    expect((await job.finished).status).toBe('cancelled');

    expect(alone.summary).toMatchObject({ status: 'completed', channelsFailed: 0 });
    expect(during.summary).toMatchObject({ status: 'completed', channelsFailed: 0 });
    expect(rig.sim.requests.slice(before).filter((r) => r.status === 429)).toEqual([]);
    // At 800 points a minute, with 10 % of the bucket kept for the foreground, the daily job's
    // requests need at most their count at the refill rate; a starved job would wait far longer.
    expect(during.simulatedMs).toBeLessThanOrEqual(alone.simulatedMs + (dailyRequests / 800) * 60_000 + 30_000);
    const events = await rig.eventStore.readStream(jobStream(job.jobId));
    expect(events.map((e) => e.type)).toEqual(arrayContaining(['BackfillCancelled', 'CollectionJobFailed']));
  });

  it('a run stopped mid-walk resumes at the recorded cursor and records every day once', async () => {
    const job = await rig.backfills.start({
      channels: [large],
      from: daysAgo(3_000),
      to: today(),
      kinds: ['followers'],
      dryRun: false,
      requestedBy: null,
    });
    const progress = async () =>
      (await rig.eventStore.readStream(jobStream(job.jobId))).filter((e) => e.type === 'BackfillProgressRecorded');
    await waitFor(async () => (await progress()).length >= 3, 'three recorded follower steps');
    // The worker stops as at a shutdown (the process going away): the job is left unfinished.
    await rig.backfills.onApplicationShutdown();
    expect((await job.finished).status).toBe('interrupted');
    const recorded = must((await progress()).at(-1), 'await progress()).at(-1').data as {
      cursor: string | null;
      done: boolean;
    };
    expect(recorded.done).toBe(false);

    const fresh = new BackfillJobs(
      rig.eventStore,
      rig.clock,
      silentLogger,
      rig.helix,
      rig.app.get(JobLeases),
      rig.connected,
    );
    const before = rig.sim.requests.length;
    const resumed = await fresh.run(job.jobId);
    expect(resumed.status).toBe('completed');
    const firstPage = must(
      rig.sim.requests.slice(before).find((r) => r.endpoint === '/channels/followers'),
      "rig.sim.requests.slice(before).find((r) => r.endpoint === '/channels/…",
    );
    expect(firstPage.query.find(([k]) => k === 'after')?.[1]).toBe(recorded.cursor ?? undefined);
    const counts = (await backfillEvents(large)).filter((e) => e.type === 'FollowerCountReconstructed');
    const days = counts.map((e) => (e.data as { day: string }).day);
    expect(new Set(days).size).toBe(days.length);
    expect(days.length).toBe(3_001);
    const started = (await rig.eventStore.readStream(jobStream(job.jobId))).filter(
      (e) => e.type === 'CollectionJobStarted',
    );
    expect(started.map((e) => (e.data as { attempt: number }).attempt)).toEqual([1, 2]);
  });
});
