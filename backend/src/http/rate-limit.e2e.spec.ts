/**
 * Per-user rate limiting over real HTTP, with a small configured limit: a user who spent the burst
 * gets 429 with Retry-After and a message, another user is not affected, writes without a session
 * (sign-in) are limited per client address, and reads without one (health checks) never are.
 */
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { problemDetail } from '../testing/read-json.js';
import { stopIfStarted } from '../testing/clean-up.js';

describe('rate limit', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(
      { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '2', DEMO_HISTORY_DAYS: '0' },
      { recordDemo: false },
    );
  });
  afterAll(() => stopIfStarted(system));

  it('answers 429 with Retry-After once a user has spent the burst, and leaves other users alone', async () => {
    const alice = await system.token('alice');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await system.get('/api/analytics/overview', alice)).status);
    // Alice has no channel: 404s, but each one counts.
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await system.get('/api/analytics/overview', alice);
    expect(limited.status).toBe(429);
    // 2 a minute: the next request may pass within 30 s.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(await problemDetail(limited)).toMatch(/^Too many requests: try again in \d+ s$/);

    const bob = await system.token('bob');
    expect((await system.get('/api/analytics/overview', bob)).status).toBe(404);
  });

  it('limits writes without a session per client address, never reads such as health checks', async () => {
    const signIn = () =>
      fetch(`${system.url}/api/auth/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'carol' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const health: number[] = [];
    for (let i = 0; i < 5; i++) health.push((await system.get('/api/analytics/health')).status);
    expect(health).toEqual([200, 200, 200, 200, 200]);
  });
});
