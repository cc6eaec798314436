/**
 * The write side's endpoints over real HTTP on the whole system (demo history recorded through the
 * daily job at start): trigger, refresh and admin daily answer 202 at once with a job id and a
 * consistency token, the job then runs to completion in the background; a second ask within the
 * cooldown is 429 with Retry-After; no channel is 409; admin daily needs an admin.
 */
import { channelStream, jobStream } from '@creatorsync/projections';
import { parseConsistencyToken } from '../../http/consistency-token.js';
import { formatPosition } from '../../event-store/position.js';
import { startTestSystem, type TestSystem } from '../../testing/start-test-system.js';
import { waitFor } from '../../testing/wait-for.js';
import { must } from '../../must.js';
import { problemDetail, readJson } from '../../testing/read-json.js';
import { stopIfStarted } from '../../testing/clean-up.js';
import type { DemoHistoryResponse } from '../../analytics/get-demo-history/get-demo-history.response.js';
import type { JobAcceptedResponse } from './job-accepted.response.js';

describe('collection endpoints', () => {
  let system: TestSystem;
  let demoToken: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '3', LIVE_POLL_MINUTES: '0', COLLECTION_JITTER_MS: '0' });
    await system.demoReady;
    demoToken = await system.token('demo');
  });
  afterAll(() => stopIfStarted(system));

  const post = (path: string, token?: string) =>
    fetch(`${system.url}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const jobEvents = (jobId: string) => system.parts.eventStore.readStream(jobStream(jobId)).catch(() => []);
  const finished = (jobId: string) =>
    waitFor(
      async () => (await jobEvents(jobId)).some((e) => e.type === 'CollectionJobCompleted'),
      `job ${jobId} to complete`,
    );

  it('records the demo history through daily jobs: one follower total per day and channel', async () => {
    const demoChannel = must(
      must(system.simulator, 'system.simulator').world.demoUserChannelId,
      'system.simulator.world.demoUserChannelId',
    );
    // The demo's live polls also observe followers during past streams; the daily jobs record one a day.
    const followers = (await system.parts.eventStore.readStream(channelStream(demoChannel))).filter(
      (e) =>
        e.type === 'FollowerCountFetched' &&
        !(e.metadata as { correlationId: string }).correlationId.startsWith('demo-live-poll-'),
    );
    const days = new Set(followers.map((e) => (e.metadata as { fetchedAt: string }).fetchedAt.slice(0, 10)));
    expect(days.size).toBe(4); // 3 past days and today
    expect(followers).toHaveLength(4);
  });

  it('GET /api/analytics/demo-history says every demo day is recorded once they are (and needs a session)', async () => {
    expect((await fetch(`${system.url}/api/analytics/demo-history`)).status).toBe(401);
    // The days' jobs end in the log first; the read table follows.
    await waitFor(async () => {
      const response = await fetch(`${system.url}/api/analytics/demo-history`, {
        headers: { authorization: `Bearer ${demoToken}` },
      });
      const body = await readJson<DemoHistoryResponse>(response);
      return response.ok && !body.recording && body.day === 3 && body.days === 3;
    }, 'the demo history to read as recorded: day 3 of 3');
  });

  it("POST /api/analytics/trigger answers 202 with the job id and a consistency token, and the job collects the caller's channels", async () => {
    const response = await post('/api/analytics/trigger', demoToken);
    expect(response.status).toBe(202);
    const body = await readJson<JobAcceptedResponse>(response);
    const channels = must(system.simulator, 'system.simulator').world.channels.map((c) => c.id);
    expect(body).toMatchObject({ kind: 'trigger', status: 'requested' });
    expect(body.jobId).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    expect([...body.channels].sort()).toEqual([...channels].sort());
    const token = parseConsistencyToken(body.consistencyToken);
    expect(token.jobId).toBe(body.jobId);
    const [requested] = await jobEvents(body.jobId);
    expect(must(requested, 'requested').type).toBe('CollectionJobRequested');
    expect(formatPosition(token.requestedAt)).toBe(formatPosition(must(requested, 'requested').position));

    await finished(body.jobId);
    const collected = (await jobEvents(body.jobId))
      .filter((e) => e.type === 'ChannelCollected')
      .map((e) => (e.data as { broadcasterId: string }).broadcasterId);
    expect(collected.sort()).toEqual([...channels].sort());
  });

  it('a second trigger within the cooldown is 429 with Retry-After; refresh has its own cooldown', async () => {
    const again = await post('/api/analytics/trigger', demoToken);
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await problemDetail(again)).toContain('try again in');

    const refresh = await post('/api/analytics/refresh', demoToken);
    expect(refresh.status).toBe(202);
    const body = await readJson<JobAcceptedResponse>(refresh);
    expect(body.kind).toBe('refresh');
    await finished(body.jobId);
  });

  it('trigger without a connected channel is 409; without a token 401', async () => {
    const response = await post('/api/analytics/trigger', await system.token('nobody-linked'));
    expect(response.status).toBe(409);
    expect(await problemDetail(response)).toContain('No Twitch channel is connected');
    expect((await post('/api/analytics/trigger')).status).toBe(401);
  });

  it('POST /api/analytics/daily is for admins: 403 for a user, 202 for an admin, over every connected channel', async () => {
    expect((await post('/api/analytics/daily', demoToken)).status).toBe(403);
    const response = await post('/api/analytics/daily', await system.token('ops', { admin: true }));
    expect(response.status).toBe(202);
    const body = await readJson<JobAcceptedResponse>(response);
    expect(body.kind).toBe('admin_daily');
    expect(body.channels).toHaveLength(must(system.simulator, 'system.simulator').world.channels.length);
    await finished(body.jobId);
    const [requested] = await jobEvents(body.jobId);
    expect(must(requested, 'requested').data).toMatchObject({ kind: 'admin_daily', requestedBy: 'ops' });
  });
});
