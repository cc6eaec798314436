import { OAuthError, TokenRevokedError } from './errors.js';
import { HelixClient } from './helix-client.js';
import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { must } from '../must.js';
import { anyOf, arrayContaining } from '../testing/matchers.js';

const HOUR_MS = 3_600_000;

describe('tokens: app token, user tokens, validation and revocation', () => {
  let h: SimHarness;
  let demo: { id: string };
  const oauthCalls = (route: string) => h.sim.requests.filter((r) => r.endpoint === `/oauth2/${route}`);
  const subs = () => h.client.getSubscriptionSummary(demo.id, { userId: demo.id });

  beforeEach(async () => {
    h = await startSimHarness();
    demo = must(h.sim.world.channels[0], 'h.sim.world.channels[0]');
    await h.connectUser(demo.id, ['channel:read:subscriptions', 'moderator:read:followers']);
    h.sim.requests.length = 0;
  });
  afterEach(() => h.close());

  test('one app token serves many calls; it is re-requested after it expires', async () => {
    await h.client.getUsers({ ids: [demo.id] });
    await h.client.getChannels([demo.id]);
    expect(oauthCalls('token')).toHaveLength(1);
    h.clock.advance(59 * 24 * HOUR_MS); // past the ~58-day lifetime
    await h.client.getUsers({ ids: [demo.id] });
    expect(oauthCalls('token')).toHaveLength(2);
    expect(h.sim.requests.filter((r) => r.status === 401)).toHaveLength(0);
  });

  test('an app token Helix refuses (401) is replaced and the call repeated', async () => {
    await h.client.getUsers({ ids: [demo.id] });
    h.sim.tokens.tokensOf(undefined).forEach((t) => h.sim.faults.revokeToken(t.accessToken));
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(h.sim.requests.filter((r) => r.endpoint === '/users').map((r) => r.status)).toEqual([200, 401, 200]);
  });

  test('requests queued behind the limiter send the app token renewed while they waited', async () => {
    const queued = await startSimHarness({}, { concurrency: 1 });
    try {
      await queued.client.getUsers({ ids: [demo.id] });
      queued.sim.tokens.tokensOf(undefined).forEach((t) => queued.sim.faults.revokeToken(t.accessToken));
      const threeBatches = Array.from({ length: 300 }, (_, i) => String(900_000 + i));
      await queued.client.getUsers({ ids: threeBatches });
      const statuses = queued.sim.requests.filter((r) => r.endpoint === '/users').map((r) => r.status);
      expect(statuses).toEqual([200, 401, 200, 200, 200]);
    } finally {
      await queued.close();
    }
  });

  test('the app token is validated hourly, and a dead one is replaced', async () => {
    await h.client.getUsers({ ids: [demo.id] });
    h.clock.advance(61 * 60_000);
    await h.client.getUsers({ ids: [demo.id] });
    expect(oauthCalls('validate')).toHaveLength(1);
    h.sim.tokens.tokensOf(undefined).forEach((t) => h.sim.faults.revokeToken(t.accessToken));
    await expect(h.client.validateTokens()).resolves.toMatchObject({ appTokenValid: false });
    await h.client.getUsers({ ids: [demo.id] });
    expect(oauthCalls('token')).toHaveLength(2);
  });

  test('a stored user token is validated at first use and again after an hour, not in between', async () => {
    const restarted = new HelixClient({
      helixBaseUrl: h.sim.helixBaseUrl,
      authBaseUrl: h.sim.authBaseUrl,
      clientId: h.sim.clientId,
      clientSecret: h.sim.clientSecret,
      clock: h.clock,
      userTokenStore: h.store,
    });
    await restarted.getSubscriptionSummary(demo.id, { userId: demo.id });
    expect(oauthCalls('validate')).toHaveLength(1); // a process that loads stored tokens validates them first
    h.sim.requests.length = 0;
    await subs(); // the connecting client validated the token when it was issued
    await subs();
    expect(oauthCalls('validate')).toHaveLength(0);
    h.clock.advance(61 * 60_000);
    await subs();
    expect(oauthCalls('validate')).toHaveLength(1);
  });

  test('a user token near expiry is refreshed before use and the new refresh token saved', async () => {
    const before = must(await h.store.load(demo.id), 'await h.store.load(demo.id)');
    h.clock.advance(14_124_000 - 2 * 60_000);
    const summary = await subs();
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.points).toBeGreaterThanOrEqual(summary.total);
    const after = must(await h.store.load(demo.id), 'await h.store.load(demo.id)');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(h.sim.requests.filter((r) => r.status === 401)).toHaveLength(0);
  });

  test('a user token that dies early (401) is refreshed and the call repeated', async () => {
    await subs();
    const { accessToken } = must(await h.store.load(demo.id), 'await h.store.load(demo.id)');
    h.sim.faults.expireToken(accessToken);
    await expect(subs()).resolves.toMatchObject({ total: anyOf(Number) });
    expect(h.sim.requests.filter((r) => r.endpoint === '/subscriptions').map((r) => r.status)).toEqual([200, 401, 200]);
    expect(must(await h.store.load(demo.id), 'await h.store.load(demo.id)').accessToken).not.toBe(accessToken);
  });

  test('a revoked grant marks the user as needing re-authorisation instead of failing forever', async () => {
    await subs();
    h.sim.faults.revokeUser(demo.id);
    const error = await subs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRevokedError);
    expect(error).toMatchObject({ userId: demo.id, needsReauthorization: true, endpoint: '/subscriptions' });
    expect(h.store.needsReauth(demo.id)).toMatch(/refresh refused/);
    const helixCallsBefore = h.sim.requests.length;
    await expect(subs()).rejects.toBeInstanceOf(TokenRevokedError);
    expect(h.sim.requests.length).toBe(helixCallsBefore); // no more calls to Twitch for this user
  });

  test('hourly validation finds revoked users', async () => {
    await subs();
    h.sim.faults.revokeUser(demo.id);
    await expect(h.client.validateTokens()).resolves.toEqual({ appTokenValid: true, usersNeedingReauth: [demo.id] });
    expect(h.store.needsReauth(demo.id)).toBeDefined();
  });

  test('a user who never connected gets TokenRevokedError at once', async () => {
    const other = must(h.sim.world.channels[1], 'h.sim.world.channels[1]');
    await expect(h.client.getSubscriptionSummary(other.id, { userId: other.id })).rejects.toBeInstanceOf(
      TokenRevokedError,
    );
  });

  test('the follower list needs the broadcaster token with the scope; the total does not', async () => {
    const withScope = await h.client.getFollowers(demo.id, { userId: demo.id }, { max: 150 });
    expect(withScope.followers).toHaveLength(150);
    const appOnly = await h.client.getFollowerTotal(demo.id);
    expect(appOnly.raw).toMatchObject({ data: [] });
    expect(appOnly.total).toBe(withScope.total);
  });

  test('OAuth helpers: authorize URL with state and scopes, validate, revoke', async () => {
    const { url, state } = h.client.oauth.authorizeUrl({
      redirectUri: 'http://127.0.0.1/cb',
      scopes: ['channel:read:subscriptions', 'user:read:email'],
    });
    const parsed = new URL(url);
    expect(parsed.searchParams.get('state')).toBe(state);
    expect(parsed.searchParams.get('scope')).toBe('channel:read:subscriptions user:read:email');
    expect(parsed.searchParams.get('response_type')).toBe('code');
    const { accessToken } = must(await h.store.load(demo.id), 'await h.store.load(demo.id)');
    await expect(h.client.oauth.validate(accessToken)).resolves.toMatchObject({
      userId: demo.id,
      scopes: arrayContaining(['channel:read:subscriptions']),
    });
    await h.client.oauth.revoke(accessToken);
    await expect(h.client.oauth.validate(accessToken)).resolves.toBeNull();
  });

  test('a wrong client secret is an OAuthError, not a crash', async () => {
    const wrong = new HelixClient({
      helixBaseUrl: h.sim.helixBaseUrl,
      authBaseUrl: h.sim.authBaseUrl,
      clientId: h.sim.clientId,
      clientSecret: 'wrong',
      clock: h.clock,
    });
    await expect(wrong.getUsers({ ids: [demo.id] })).rejects.toBeInstanceOf(OAuthError);
  });

  test('a 503 from the token endpoint is retried', async () => {
    h.sim.faults.serverErrors(1, 503, '/oauth2/token');
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(oauthCalls('token').map((r) => r.status)).toEqual([503, 200]);
  });
});
