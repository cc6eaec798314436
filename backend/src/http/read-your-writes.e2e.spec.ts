/**
 * Read-your-writes over real HTTP on the whole system: a refresh against the Helix simulator
 * answers 202 with a consistency token at once; a query carrying the token waits until the
 * projections show what the job recorded, says so (`X-Consistency: fresh`), and sees the new
 * follower total — the one the job recorded in the event store.
 */
import { channelStream } from '@creatorsync/projections';
import { formatConsistencyToken, parseConsistencyToken } from './consistency-token.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { must } from '../must.js';
import { problemDetail, readJson } from '../testing/read-json.js';
import type { ChartsResponse } from '../analytics/get-charts/get-charts.response.js';
import type { OverviewResponse } from '../analytics/get-overview/get-overview.response.js';
import type { JobAcceptedResponse } from '../collection/http/job-accepted.response.js';
import { stopIfStarted } from '../testing/clean-up.js';

const DAY_MS = 86_400_000;

describe('read-your-writes', () => {
  let system: TestSystem;
  let token: string;
  let channelId: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '3', LIVE_POLL_MINUTES: '0', COLLECTION_JITTER_MS: '0' });
    await system.demoReady;
    await system.projectionsCaughtUp();
    token = await system.token('demo');
    channelId = must(
      must(system.simulator, 'system.simulator').world.demoUserChannelId,
      'system.simulator.world.demoUserChannelId',
    );
  });
  afterAll(() => stopIfStarted(system));

  const refresh = () =>
    fetch(`${system.url}/api/analytics/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('a query with the token returned by refresh sees the follower total the refresh recorded', async () => {
    const overview = `/api/analytics/overview?channel=${channelId}`;
    const before = await readJson<OverviewResponse>(await system.get(overview, token));
    // Days pass at the simulator: the channel has gained followers since the last collection.
    must(system.simulator, 'system.simulator').clock.advance(2 * DAY_MS);

    const accepted = await refresh();
    expect(accepted.status).toBe(202);
    const { jobId, consistencyToken } = await readJson<JobAcceptedResponse>(accepted);

    const response = await system.get(overview, token, { 'x-consistency-token': consistencyToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-consistency')).toBe('fresh');
    const after = await readJson<OverviewResponse>(response);

    const recorded = (await system.parts.eventStore.readStream(channelStream(channelId))).filter(
      (e) => e.type === 'FollowerCountFetched' && (e.metadata as { correlationId: string }).correlationId === jobId,
    );
    expect(recorded).toHaveLength(1);
    const total = (must(recorded[0], 'recorded[0]').data as { total: number }).total;
    expect(total).not.toBe(before.followers.current);
    expect(after.followers.current).toBe(total);

    // The same token as a query parameter, beside the endpoint's own parameters, and on the jobs list.
    const charts = await system.get(
      `/api/analytics/charts?days=7&channel=${channelId}&consistencyToken=${encodeURIComponent(consistencyToken)}`,
      token,
    );
    expect(charts.status).toBe(200);
    expect(charts.headers.get('x-consistency')).toBe('fresh');
    const { followerGrowth } = await readJson<ChartsResponse>(charts);
    expect(must(followerGrowth[followerGrowth.length - 1], 'followerGrowth[followerGrowth.length - 1]').followers).toBe(
      total,
    );
    const jobs = await system.get('/api/analytics/jobs', token, { 'x-consistency-token': consistencyToken });
    expect(jobs.headers.get('x-consistency')).toBe('fresh');
    expect(await jobs.text()).toContain(jobId);
  });

  it('refuses a well-formed token that names no job, once the jobs table has passed its position', async () => {
    const accepted = await fetch(`${system.url}/api/analytics/trigger`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(accepted.status).toBe(202);
    const real = parseConsistencyToken((await readJson<JobAcceptedResponse>(accepted)).consistencyToken);
    const forged = formatConsistencyToken({ jobId: 'no-such-job', requestedAt: real.requestedAt });
    const response = await system.get('/api/analytics/overview', token, { 'x-consistency-token': forged });
    expect(response.status).toBe(400);
    expect(await problemDetail(response)).toBe('The consistency token names job no-such-job, which does not exist');
  });
});
