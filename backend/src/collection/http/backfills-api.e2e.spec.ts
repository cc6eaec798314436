/**
 * The admin backfill API over real HTTP on the whole system: admin only (X-Admin-Key or the admin
 * role claim); bad input is a 400 problem detail saying what is wrong; a start answers 201 with the
 * job id; the same channel and kind while it runs is 409; GET shows progress; DELETE cancels and
 * the cancel is an event in the job's stream.
 */
import { jobStream } from '@creatorsync/projections';
import { startTestSystem, type TestSystem } from '../../testing/start-test-system.js';
import { waitFor } from '../../testing/wait-for.js';
import { must } from '../../must.js';
import { problemDetail, readJson } from '../../testing/read-json.js';
import { stopIfStarted } from '../../testing/clean-up.js';
import type { BackfillAcceptedDto, BackfillListDto, BackfillViewDto } from './backfill-view.dto.js';

const ADMIN_KEY = 'admin-key-for-the-backfill-api-test';

describe('admin backfills API', () => {
  let system: TestSystem;
  let largest: string;

  beforeAll(async () => {
    system = await startTestSystem({ ADMIN_KEY, DEMO_HISTORY_DAYS: '1', LIVE_POLL_MINUTES: '0' });
    await system.demoReady;
    const channels = must(system.simulator, 'system.simulator').world.channels;
    largest = must(
      [...channels].sort((a, b) => b.averageViewers - a.averageViewers)[0],
      '[...channels].sort((a, b) => b.averageViewers - a.averageViewers)[0]',
    ).id;
  });
  afterAll(() => stopIfStarted(system));

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${system.url}/api/admin/backfills${path}`, {
      method,
      headers: {
        'x-admin-key': ADMIN_KEY,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const today = () => new Date(must(system.simulator, 'system.simulator').clock.now()).toISOString().slice(0, 10);

  it('needs an admin: no token is 401, a plain user 403, the admin role claim works', async () => {
    const none = await fetch(`${system.url}/api/admin/backfills`);
    expect(none.status).toBe(401);
    const user = await system.get('/api/admin/backfills', await system.token('demo'));
    expect(user.status).toBe(403);
    const admin = await system.get('/api/admin/backfills', await system.token('boss', { admin: true }));
    expect(admin.status).toBe(200);
  });

  it.each([
    [{ channels: 'all', from: '2025-03-02', to: '2025-03-01' }, 'is after'],
    [{ channels: 'all', from: '2025-03-01', to: '2999-01-01' }, 'in the future'],
    [{ channels: 'all', from: '2010-01-01', to: '2025-03-01' }, 'longer than 10 years'],
    [{ channels: ['999999999'], from: '2025-03-01', to: '2025-03-02' }, 'unknown or unconnected channel(s): 999999999'],
    [{ channels: 'all', from: '2025-03-01', to: '2025-03-02', kinds: ['subs'] }, 'unknown kind(s) "subs"'],
    [{ channels: 'all', from: '03/01/2025', to: '2025-03-02' }, 'YYYY-MM-DD'],
    [{ channels: 'all', from: '2025-03-01', to: '2025-03-02', extra: 1 }, 'unknown field(s): extra'],
  ])('refuses %j with a 400 problem detail', async (body, detail) => {
    const response = await call('POST', '', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await problemDetail(response)).toContain(detail);
  });

  it('starts (201), refuses the same channel and kind while it runs (409), reports progress, cancels', async () => {
    const body = { channels: [largest], from: '2019-01-01', to: today(), kinds: ['followers'] };
    const started = await call('POST', '', body);
    expect(started.status).toBe(201);
    const { jobId, channels, status } = await readJson<BackfillAcceptedDto>(started);
    expect(channels).toEqual([largest]);
    expect(status).toBe('requested');

    const again = await call('POST', '', { ...body, kinds: ['followers', 'clips'] });
    expect(again.status).toBe(409);
    expect(await problemDetail(again)).toContain(jobId);

    let polled: BackfillViewDto | undefined;
    await waitFor(async () => {
      polled = await readJson<BackfillViewDto>(await call('GET', `/${jobId}`));
      return polled.pages > 0;
    }, 'the backfill to report pages');
    const view = must(polled, 'the polled view');
    expect(view).toMatchObject({ jobId, status: 'running', from: '2019-01-01', kinds: ['followers'], dryRun: false });
    expect(view.requests).toBeGreaterThan(0);
    expect(typeof view.etaSeconds).toBe('number');
    const followers = must(view.channels[0], 'view.channels[0]').kinds.followers;
    expect(must(followers, 'view.channels[0].kinds.followers').pages).toBeGreaterThan(0);

    const listed = await readJson<BackfillListDto>(await call('GET', ''));
    expect(listed.backfills.map((b) => b.jobId)).toContain(jobId);

    const cancelled = await call('DELETE', `/${jobId}`);
    expect(cancelled.status).toBe(200);
    expect((await readJson<BackfillViewDto>(cancelled)).status).toBe('cancelled');
    await waitFor(async () => {
      const events = await system.parts.eventStore.readStream(jobStream(jobId));
      return events.some((e) => e.type === 'BackfillCancelled') && events.some((e) => e.type === 'CollectionJobFailed');
    }, 'the cancel and the job end to be recorded');
    expect((await call('POST', '', body)).status).toBe(201);
  });

  it('an unknown job is 404; a malformed id 400', async () => {
    expect((await call('GET', '/backfill-20250101T000000Z-00000000')).status).toBe(404);
    expect((await call('DELETE', '/no%20such')).status).toBe(400);
  });
});
