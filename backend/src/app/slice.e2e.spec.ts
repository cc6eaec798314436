/**
 * The first slice end to end, over real HTTP: Helix simulator → CollectChannelSnapshot → event store
 * → channel-analytics projection → GET /api/analytics/overview and /charts. Expected numbers are
 * computed here from the recorded events, independently of the projection.
 */
import { channelStream } from '@creatorsync/projections';
import { generateKeyPairSync } from 'node:crypto';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { followersAt } from '../twitch/simulator/channel-audience.js';
import { must } from '../must.js';
import { problemDetail, readJson } from '../testing/read-json.js';
import type { ChartsResponse } from '../analytics/get-charts/get-charts.response.js';
import type { OverviewResponse } from '../analytics/get-overview/get-overview.response.js';
import type { AuthConfigResponse, LocalSignInResponse } from '../auth/auth.responses.js';
import { stopIfStarted } from '../testing/clean-up.js';

describe('slice: follower snapshot to overview', () => {
  let system: TestSystem;
  let token: string;
  let channelId: string;
  /** day → the day's last recorded follower total, from the events. */
  const followersByDay = new Map<string, number>();
  /** day → the total the day's collection job recorded (live polls also observe followers, during streams). */
  const dailyFollowers = new Map<string, number>();

  beforeAll(async () => {
    system = await startTestSystem();
    await system.demoReady;
    await system.projectionsCaughtUp();
    token = await system.token('demo');
    channelId = must(
      must(system.simulator, 'system.simulator').world.demoUserChannelId,
      'system.simulator.world.demoUserChannelId',
    );
    const events = await system.parts.eventStore.readStream(channelStream(channelId));
    const fetches = events
      .filter((e) => e.type === 'FollowerCountFetched')
      .map((e) => {
        const metadata = e.metadata as { fetchedAt: string; correlationId: string };
        return { at: metadata.fetchedAt, job: metadata.correlationId, total: (e.data as { total: number }).total };
      })
      .sort((a, b) => a.at.localeCompare(b.at));
    for (const f of fetches) {
      followersByDay.set(f.at.slice(0, 10), f.total);
      if (!f.job.startsWith('demo-live-poll-')) dailyFollowers.set(f.at.slice(0, 10), f.total);
    }
  });
  afterAll(() => stopIfStarted(system));

  const expectedBefore = (day: string, back: number) => {
    const target = new Date(Date.parse(`${day}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
    const earlier = [...followersByDay.keys()].filter((d) => d <= target).sort();
    return must(
      followersByDay.get(must(earlier[earlier.length - 1], 'earlier[earlier.length - 1]')),
      'followersByDay.get(earlier[earlier.length - 1])',
    );
  };

  it('records what the simulator reported, as returned', () => {
    const [firstDay, firstTotal] = must(
      [...dailyFollowers.entries()].sort()[0],
      '[...dailyFollowers.entries()].sort()[0]',
    );
    const channel = must(
      must(system.simulator, 'system.simulator').world.channelById.get(channelId),
      'system.simulator.world.channelById.get(channelId)',
    );
    expect(firstTotal).toBe(
      followersAt(channel, new Date(`${firstDay}T02:00:00Z`), must(system.simulator, 'system.simulator').world.seed),
    );
    expect(dailyFollowers.size).toBe(31); // 30 past days (TEST_DEMO_HISTORY_DAYS) and today
  });

  it('GET /health answers without a token', async () => {
    const response = await system.get('/health');
    expect(response.status).toBe(200);
    const health: unknown = await response.json();
    expect(health).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('overview returns the current followers and the 7- and 30-day change', async () => {
    const response = await system.get('/api/analytics/overview', token);
    expect(response.status).toBe(200);
    const body = await readJson<OverviewResponse>(response);
    const lastDay = must([...followersByDay.keys()].sort().pop(), '[...followersByDay.keys()].sort().pop()');
    const current = must(followersByDay.get(lastDay), 'followersByDay.get(lastDay)');
    expect(current).toBeGreaterThan(0);
    expect(body.channel).toMatchObject({
      id: channelId,
      login: must(
        must(system.simulator, 'system.simulator').world.channelById.get(channelId),
        'system.simulator.world.channelById.get(channelId)',
      ).login,
    });
    expect(body.asOf).toBe(lastDay);
    expect(body.followers.current).toBe(current);
    expect(body.followers.change7d).toBe(current - expectedBefore(lastDay, 7));
    expect(body.followers.change30d).toBe(current - expectedBefore(lastDay, 30));
    const change7d = must(body.followers.change7d, 'body.followers.change7d');
    expect(body.followers.trend).toBe(change7d > 0 ? 'up' : change7d < 0 ? 'down' : 'flat');
  });

  it("charts returns one point per day with the day's followers and gain", async () => {
    const response = await system.get('/api/analytics/charts?days=30', token);
    expect(response.status).toBe(200);
    const { followerGrowth } = await readJson<ChartsResponse>(response);
    expect(followerGrowth).toHaveLength(30);
    for (const point of followerGrowth) {
      expect(point.followers).toBe(followersByDay.get(point.day));
      const previous = new Date(Date.parse(`${point.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(point.gained).toBe(point.followers - must(followersByDay.get(previous), 'followersByDay.get(previous)'));
    }
  });

  it('scopes data to the signed-in user: another user has no channel, a foreign channel is not found', async () => {
    const other = await system.token('someone-else');
    const mine = await system.get('/api/analytics/overview', other);
    expect(mine.status).toBe(404);
    const foreign = await system.get(`/api/analytics/overview?channel=${channelId}`, other);
    expect(foreign.status).toBe(404);
    expect(await problemDetail(foreign)).toBe(`Channel ${channelId} not found among your channels`);
  });

  describe('rejects bad input with a 4xx that says what is wrong', () => {
    it.each([
      ['/api/analytics/charts?days=0', 400, 'days must be at least 1'],
      ['/api/analytics/charts?days=731', 400, 'days must be at most 730'],
      ['/api/analytics/charts?days=ten', 400, 'days must be a whole number'],
      ['/api/analytics/overview?channel=abc', 400, 'channel must be a Twitch broadcaster id (digits)'],
      ['/api/analytics/overview?colour=red', 400, 'unknown parameter "colour"'],
    ])('%s → %i', async (url, status, detail) => {
      const response = await system.get(url, token);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await problemDetail(response)).toContain(detail);
    });
  });

  describe('auth', () => {
    const otherKeys = () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      return { privateKeyPem: privateKey, publicKeyPem: publicKey };
    };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['a missing token', () => Promise.resolve(undefined), 'Missing bearer token'],
      [
        'a forged token (another key)',
        async () => (await issueLocalToken(otherKeys(), 'demo')).token,
        'signature is invalid',
      ],
      [
        'an expired token',
        () => system.token('demo', { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }),
        'expired',
      ],
      ['a token not valid yet', () => system.token('demo', { notBeforeOffsetSeconds: 3600 }), 'not valid yet'],
      [
        'a token for another party',
        () => system.token('demo', { authorizedParty: 'https://evil.example' }),
        'another application',
      ],
      [
        'an alg:none token',
        () =>
          Promise.resolve(
            `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'demo', iat: now(), nbf: now(), exp: now() + 600 })}.`,
          ),
        'algorithm',
      ],
      ['garbage', () => Promise.resolve('not-a-jwt'), 'malformed'],
    ])('rejects %s with 401', async (_name, makeToken, detail) => {
      const response = await system.get('/api/analytics/overview', await makeToken());
      expect(response.status).toBe(401);
      expect(await problemDetail(response)).toContain(detail);
    });

    it('signs in locally and serves the dashboard', async () => {
      const config = await readJson<AuthConfigResponse>(await system.get('/api/auth/config'));
      expect(config).toEqual({ mode: 'local' });
      const signIn = await fetch(`${system.url}/api/auth/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'demo' }),
      });
      expect(signIn.status).toBe(200);
      const { token: fresh } = await readJson<LocalSignInResponse>(signIn);
      expect((await system.get('/api/analytics/overview', fresh)).status).toBe(200);
      const bad = await fetch(`${system.url}/api/auth/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"userId":',
      });
      expect(bad.status).toBe(400);
      const page = await system.get('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<!doctype html>');
    });
  });
});
