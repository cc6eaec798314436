/**
 * Two Helix clients with one client id, as two server instances would have, against the simulator's
 * bucket of 100 points a minute: with the budget shared in PostgreSQL they never draw a 429 together
 * and take as long as one client would; each with a budget of its own, both spend the full bucket
 * and Twitch (the simulator) refuses the excess.
 */
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { REQUEST_DEADLINE_MS } from '../testing/deadlines.js';
import { HelixClient } from './helix-client.js';
import { postgresRateBudgets } from './postgres-rate-budget.js';
import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { closeIfOpened, dropIfCreated } from '../testing/clean-up.js';

const POINTS = 100;
const REQUESTS = 300;

describe('a Helix rate budget shared by two instances', () => {
  let db: TestDatabase;
  let h: SimHarness;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => dropIfCreated(db));
  afterEach(() => closeIfOpened(h));

  async function twoInstances(shared: boolean): Promise<{ rateLimited: number; elapsedMs: number }> {
    await db.pool.query('TRUNCATE helix_rate_budgets');
    const budgets = shared ? (sim: SimHarness['sim']) => postgresRateBudgets(db.pool, sim.clientId) : () => undefined;
    h = await startSimHarness({ pointsPerMinute: POINTS });
    const second = new HelixClient({
      helixBaseUrl: h.sim.helixBaseUrl,
      authBaseUrl: h.sim.authBaseUrl,
      clientId: h.sim.clientId,
      clientSecret: h.sim.clientSecret,
      clock: h.clock,
      retry: { timeoutMs: REQUEST_DEADLINE_MS },
      rateBudgets: budgets(h.sim),
    });
    const first = new HelixClient({
      helixBaseUrl: h.sim.helixBaseUrl,
      authBaseUrl: h.sim.authBaseUrl,
      clientId: h.sim.clientId,
      clientSecret: h.sim.clientSecret,
      clock: h.clock,
      retry: { timeoutMs: REQUEST_DEADLINE_MS },
      rateBudgets: budgets(h.sim),
    });
    const ids = h.sim.world.channels.map((c) => c.id);
    const startMs = h.clock.nowMs();
    await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        (i % 2 === 0 ? first : second).getUsers({ ids: [ids[i % ids.length] ?? ''] }),
      ),
    );
    const users = h.sim.requests.filter((r) => r.endpoint === '/users');

    return { rateLimited: users.filter((r) => r.status === 429).length, elapsedMs: h.clock.nowMs() - startMs };
  }

  test('shared in PostgreSQL: no 429, and no faster than one client on the bucket', async () => {
    const { rateLimited, elapsedMs } = await twoInstances(true);
    expect(rateLimited).toBe(0);
    // A full bucket pays for the first 100; the other 200 need 2 minutes of refill.
    expect(elapsedMs).toBeGreaterThanOrEqual(((REQUESTS - POINTS) / POINTS) * 60_000);
  });

  test('each with its own budget (as before): together they overspend, and Twitch answers 429', async () => {
    const { rateLimited } = await twoInstances(false);
    expect(rateLimited).toBeGreaterThan(0);
  });
});
