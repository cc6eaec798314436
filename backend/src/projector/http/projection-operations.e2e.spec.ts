/**
 * The admin console's Rebuild and Replay all over real HTTP: admin only, an unknown projection is
 * 404, a rebuild runs the CLI's blue/green rebuild in the server (a new build becomes active with
 * the same rows), its progress is readable while and after it runs, and a replay rebuilds every
 * projection. One operation at a time: a second start while one runs is 409.
 */
import { startTestSystem, type TestSystem } from '../../testing/start-test-system.js';
import { waitFor } from '../../testing/wait-for.js';
import { buildsWhere } from '../../testing/builds-where.js';

const ADMIN_KEY = 'admin-key-for-the-projection-operations-test';

interface Operation {
  id: string;
  kind: string;
  projection: string | null;
  status: string;
  eventsProcessed: number;
  total: number | null;
  error: string | null;
}

describe('admin projection rebuild and replay', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ ADMIN_KEY, DEMO_HISTORY_DAYS: '1', LIVE_POLL_MINUTES: '0' });
    await system.demoReady;
    await system.projectionsCaughtUp();
  });
  afterAll(() => system.stop());

  const call = (method: string, path: string) =>
    fetch(`${system.url}/api/admin/projections${path}`, { method, headers: { 'x-admin-key': ADMIN_KEY } });
  const ended = async (id: string): Promise<Operation> => {
    let last: Operation | undefined;
    await waitFor(async () => {
      last = (await (await call('GET', `/operations/${id}`)).json()) as Operation;
      return last.status !== 'running';
    }, `operation ${id} to end`);
    if (!last) throw new Error('no answer');
    return last;
  };
  const activeBuild = async (name: string) => (await buildsWhere(system.db.pool, 'name = $1 AND active', [name]))[0];

  it('needs an admin: no token is 401, a plain user 403', async () => {
    expect((await fetch(`${system.url}/api/admin/projections/replay`, { method: 'POST' })).status).toBe(401);
    const user = await fetch(`${system.url}/api/admin/projections/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await system.token('demo')}` },
    });
    expect(user.status).toBe(403);
  });

  it('an unknown projection is 404 with the known names', async () => {
    const response = await call('POST', '/no-such-thing/rebuild');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('Unknown projection "no-such-thing"');
  });

  it('rebuilds one projection into a new active build with the same rows, reporting progress', async () => {
    const before = await activeBuild('channel-analytics');
    const rowsBefore = await system.db.pool.query('SELECT * FROM channel_analytics ORDER BY channel_id, day');
    const response = await call('POST', '/channel-analytics/rebuild');
    expect(response.status).toBe(202);
    const started = (await response.json()) as Operation;
    expect(started).toMatchObject({ kind: 'rebuild', projection: 'channel-analytics', status: 'running' });
    // While it runs, another start waits its turn.
    const second = await call('POST', '/replay');
    if (second.status !== 202) expect(second.status).toBe(409);

    const done = await ended(started.id);
    expect(done).toMatchObject({ status: 'completed', error: null });
    expect(done.eventsProcessed).toBeGreaterThan(0);
    expect(done.total).toBe(done.eventsProcessed);
    const after = await activeBuild('channel-analytics');
    expect(after?.buildId).toBeGreaterThan(before?.buildId ?? 0);
    await system.projectionsCaughtUp();
    const rowsAfter = await system.db.pool.query('SELECT * FROM channel_analytics ORDER BY channel_id, day');
    expect(rowsAfter.rows).toEqual(rowsBefore.rows);
    const { operations } = (await (await call('GET', '/operations')).json()) as { operations: Operation[] };
    expect(operations.map((o) => o.id)).toContain(started.id);
    if (second.status === 202) await ended(((await second.json()) as Operation).id);
  });

  it('replays every projection, each into a new active build', async () => {
    const before = await buildsWhere(system.db.pool, 'active');
    const response = await call('POST', '/replay');
    expect(response.status).toBe(202);
    const done = await ended(((await response.json()) as Operation).id);
    expect(done).toMatchObject({ kind: 'replay', projection: null, status: 'completed', error: null });
    const after = await buildsWhere(system.db.pool, 'active');
    for (const build of before) {
      expect(after.find((b) => b.name === build.name)?.buildId).toBeGreaterThan(build.buildId);
    }
  });
});
