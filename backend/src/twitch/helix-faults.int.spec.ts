import {
  HelixAuthError,
  HelixIncompleteListError,
  HelixRateLimitError,
  HelixResponseError,
  HelixUnavailableError,
} from './errors.js';
import { HelixClient } from './helix-client.js';
import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { REQUEST_DEADLINE_MS } from '../testing/deadlines.js';
import { must } from '../must.js';

/** Ids no channel has: /users answers them with nothing, but each 100 of them is one more batch. */
const unknownIds = (count: number) => Array.from({ length: count }, (_, i) => String(900_000 + i));

describe('HelixClient under injected faults', () => {
  let h: SimHarness;
  let demo: { id: string };
  beforeAll(async () => {
    // The default (long) socket timeout: an ordinary request must never time out on a busy machine.
    h = await startSimHarness({}, { retry: { timeoutMs: REQUEST_DEADLINE_MS, retries: 4 } });
    demo = must(h.sim.world.channels[0], 'h.sim.world.channels[0]');
    await h.connectUser(demo.id, ['moderator:read:followers']);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.requests.length = 0;
    h.sim.faults.clear();
    h.client.resetRequestStats();
  });

  const usersStatuses = () => h.sim.requests.filter((r) => r.endpoint === '/users').map((r) => r.status);

  test.each([500, 502, 503] as const)('retries a %i with backoff and then succeeds', async (status) => {
    h.sim.faults.serverErrors(2, status, '/users');
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(usersStatuses()).toEqual([status, status, 200]);
    expect(h.client.requestStats().byEndpoint['/users']).toMatchObject({ requests: 3, retries: 2 });
  });

  test('gives up after the bounded retries with HelixUnavailableError naming the endpoint', async () => {
    h.sim.faults.serverErrors(10, 503, '/users');
    const error = await h.client.getUsers({ ids: [demo.id] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixUnavailableError);
    expect(error).toMatchObject({ endpoint: '/users', lastFailure: 503, attempts: 5 });
    expect(usersStatuses()).toHaveLength(5);
  });

  test('a slow response within the timeout is simply waited for', async () => {
    h.sim.faults.slowResponses(1, 1_000, '/users');
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(usersStatuses()).toEqual([200]);
  });

  test('a response that never comes times out and is retried', async () => {
    // The hung first attempt times out after 10 s (long enough that a busy machine never hits it
    // with an answer on its way); the retry after it waits as long as any ordinary request.
    const client = new HelixClient({
      helixBaseUrl: h.sim.helixBaseUrl,
      authBaseUrl: h.sim.authBaseUrl,
      clientId: h.sim.clientId,
      clientSecret: h.sim.clientSecret,
      clock: h.clock,
      retry: { timeoutMs: 10_000, retryTimeoutMs: REQUEST_DEADLINE_MS, retries: 4 },
    });
    h.sim.faults.timeouts(1, '/users');
    await expect(client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(client.requestStats().byEndpoint['/users']).toMatchObject({ requests: 2, retries: 1 });
  });

  test('a dropped connection is retried', async () => {
    h.sim.faults.connectionResets(1, '/users');
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
  });

  test.each([
    ['not-json', 'malformed-body'],
    ['truncated', 'malformed-body'],
    ['wrong-shape', 'unexpected-shape'],
  ] as const)('a %s body is a HelixResponseError (%s) naming the endpoint', async (body, reason) => {
    h.sim.faults.malformedBodies(1, body, '/streams');
    const error = await h.client.getStreams({ userIds: [demo.id] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixResponseError);
    expect(error).toMatchObject({ endpoint: '/streams', reason, status: 200 });
  });

  test('a malformed later page fails the whole list: nothing half-fetched is returned', async () => {
    h.sim.faults.inject({ kind: 'malformed', body: 'truncated' }, { endpoint: '/channels/followers', skip: 1 });
    await expect(h.client.getFollowers(demo.id, { userId: demo.id })).rejects.toBeInstanceOf(HelixResponseError);
    expect(h.sim.requests.filter((r) => r.endpoint === '/channels/followers')).toHaveLength(2);
  });

  test('a 429 burst is waited out until Ratelimit-Reset, then the request succeeds', async () => {
    h.sim.faults.rateLimitBurst(3, { endpoint: '/users', resetInSeconds: 5 });
    const startMs = h.clock.nowMs();
    await expect(h.client.getUsers({ ids: [demo.id] })).resolves.toHaveLength(1);
    expect(usersStatuses()).toEqual([429, 429, 429, 200]);
    expect(h.clock.nowMs() - startMs).toBeGreaterThanOrEqual(3 * 4_000);
    expect(h.client.requestStats().byEndpoint['/users']).toMatchObject({ rateLimited: 3 });
  });

  test('endless 429s end in HelixRateLimitError after the allowed waits', async () => {
    h.sim.faults.rateLimitBurst(50, { endpoint: '/users' });
    await expect(h.client.getUsers({ ids: [demo.id] })).rejects.toBeInstanceOf(HelixRateLimitError);
    expect(usersStatuses()).toHaveLength(6);
  });

  test('pages that repeat or come back empty are de-duplicated and followed to the end', async () => {
    h.sim.faults.repeatPages(3, '/channels/followers');
    h.sim.faults.emptyPages(2, '/channels/followers');
    const { total, followers } = await h.client.getFollowers(demo.id, { userId: demo.id });
    expect(followers).toHaveLength(total);
    expect(new Set(followers.map((f) => f.user_id)).size).toBe(total);
    const pages = h.sim.requests.filter((r) => r.endpoint === '/channels/followers').length;
    expect(pages).toBeGreaterThan(Math.ceil(total / 100));
  });

  test('when one batch fails for good, its sibling batches are cancelled instead of retrying', async () => {
    h.sim.faults.malformedBodies(1, 'not-json', '/users');
    h.sim.faults.timeouts(2, '/users'); // the siblings hang; each would time out (300 ms) and retry 4 times
    await expect(h.client.getUsers({ ids: unknownIds(300) })).rejects.toBeInstanceOf(HelixResponseError);
    // Long enough for a timed-out sibling to have retried; a cancelled one never does.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(usersStatuses()).toHaveLength(3);
    expect(h.client.requestStats().byEndpoint['/users']).toMatchObject({ retries: 0 });
  });

  test('a list whose pages keep bringing nothing new throws instead of returning part of it', async () => {
    h.sim.faults.emptyPages(20, '/channels/followers');
    const error = await h.client.getFollowers(demo.id, { userId: demo.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixIncompleteListError);
    expect(error).toMatchObject({ endpoint: '/channels/followers', reason: 'no-progress' });
  });

  test('a 4xx refusal is a HelixResponseError with the server message, not retried', async () => {
    const error = await h.client.getFollowerTotal('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixResponseError);
    expect(error).toMatchObject({ endpoint: '/channels/followers', status: 400, reason: 'rejected' });
    expect(h.sim.requests.filter((r) => r.endpoint === '/channels/followers')).toHaveLength(1);
  });

  test('subscriptions without the scope end in HelixAuthError after one token refresh', async () => {
    const error = await h.client.getSubscriptionSummary(demo.id, { userId: demo.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixAuthError);
    expect(error).toMatchObject({ endpoint: '/subscriptions', status: 401 });
  });
});
