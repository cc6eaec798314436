/**
 * The projections commands' logic against a real database and the Postgres event store: a rebuild
 * beside a running projector (a "server") switches readers to a new build with the same rows; the
 * status shows lag 0 once caught up, the lag of unprocessed events, and where a build failed.
 */
import {
  accountStream,
  allProjections,
  channelStream,
  defineProjection,
  eventCatalogue,
  type Projection,
} from '@creatorsync/projections';
import { deterministicEventId } from '../collection/deterministic-event-id.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
import { type ProjectionBuild } from '../projector/projection-builds.js';
import { buildsWhere } from '../testing/builds-where.js';
import type { RunnerProgress } from '../projector/projection-runner.js';
import { ProjectionFailedError, Projector, UnknownProjectionError } from '../projector/projector.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { ProjectionsContext } from './projections-context.js';
import { followBuild } from './projections-follow-build.js';
import type { ProgressFactory } from './projections-progress.js';
import { RebuildInterruptedError, rebuildProjection, replayAll } from './projections-rebuild.js';
import { formatStatusTable, listProjections, projectionsStatus } from './projections-report.js';
import { waitFor } from '../testing/wait-for.js';
import { must } from '../must.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { anyOf, arrayContaining, objectContaining } from '../testing/matchers.js';

/** Events of the history that the projection handles (projections are added over time: not hard-coded). */
const handledEvents = (projection: Projection) =>
  history().filter(([, e]) => (projection.handles as readonly string[]).includes(e.type)).length;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const meta = (type: keyof typeof eventCatalogue, fetchedAt: string) => ({
  correlationId: 'test',
  source: 'simulator',
  schemaVersion: eventCatalogue[type].version,
  fetchedAt,
});

function followers(id: string, day: number, total: number): NewEvent {
  const at = new Date(Date.UTC(2026, 0, 1 + day, 2)).toISOString();
  return {
    id: deterministicEventId('f', id, at),
    type: 'FollowerCountFetched',
    data: { broadcasterId: id, total, raw: { total, data: [] } },
    metadata: meta('FollowerCountFetched', at),
  };
}

function history(): Array<[string, NewEvent]> {
  const out: Array<[string, NewEvent]> = [];
  for (const [i, id] of ['101', '202'].entries()) {
    const link = {
      userId: 'alice',
      broadcasterId: id,
      login: `ch${id}`,
      displayName: `Ch${id}`,
      scopes: [],
      linkedAt: '2026-01-01T00:00:00Z',
    };
    out.push([
      accountStream('alice'),
      {
        id: deterministicEventId('link', id),
        type: 'TwitchAccountLinked',
        data: link,
        metadata: meta('TwitchAccountLinked', '2026-01-01T00:00:00Z'),
      },
    ]);
    const profile = {
      broadcasterId: id,
      user: { id, login: `ch${id}`, display_name: `Ch${id}` },
      channel: { broadcaster_id: id, title: 'hi', game_name: 'Chess' },
    };
    out.push([
      channelStream(id),
      {
        id: deterministicEventId('p', id),
        type: 'ChannelProfileFetched',
        data: profile,
        metadata: meta('ChannelProfileFetched', '2026-01-01T03:00:00Z'),
      },
    ]);
    for (let day = 0; day < 30; day += 1 + (day % 4 === 3 ? 1 : 0))
      out.push([channelStream(id), followers(id, day, 1000 * (i + 1) + day * 5)]);
  }
  return out;
}

describe('projections command', () => {
  let db: TestDatabase;
  let store: EventStore;
  let context: ProjectionsContext;
  let server: Projector | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    for (const [stream, event] of history()) await store.append(stream, [event]);
    context = { pool: db.pool, eventStore: store, projections: allProjections, logger, logInPostgres: true };
    // What a running server does: keep every projection's active build up to date.
    server = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: allProjections,
      logger,
      reconcileIntervalMs: 100,
    });
    await server.start();
    await waitFor(
      async () =>
        (await projectionsStatus(db.pool, allProjections, { logInPostgres: true })).every(
          (r) => r.builds.length === 1 && must(r.builds[0], 'r.builds[0]').lagEvents === 0,
        ),
      'the server to catch up',
    );
  });
  afterAll(async () => {
    await stopIfStarted(server);
    await store.close();
    await db.drop();
  });

  const rows = async (table: string, buildId: number, key: readonly string[]) =>
    (
      await db.pool.query<Record<string, unknown>>(
        `SELECT * FROM read_model."${table}_b${buildId}" ORDER BY ${key.map((k) => `"${k}"`).join(', ')}`,
      )
    ).rows;

  it('lists each projection with its version, handled events and tables', () => {
    const list = listProjections(allProjections);
    expect(list.map((p) => p.name)).toEqual(allProjections.map((p) => p.name));
    expect(list.find((p) => p.name === 'channel-analytics')).toMatchObject({
      version: anyOf(Number),
      handles: arrayContaining(['FollowerCountFetched']),
      tables: arrayContaining(['channel_analytics']),
    });
  });

  it('status reports lag 0 once caught up, and the events a stopped projector has not processed yet', async () => {
    const reports = await projectionsStatus(db.pool, allProjections, { logInPostgres: true });
    for (const report of reports) {
      expect(report.builds).toEqual([objectContaining({ state: 'live', active: true, lagEvents: 0, lagSeconds: 0 })]);
      expect(must(report.builds[0], 'report.builds[0]').eventsProcessed).toBe(
        handledEvents(
          must(
            allProjections.find((p) => p.name === report.name),
            'allProjections.find((p) => p.name === report.name)',
          ),
        ),
      );
    }
    expect(formatStatusTable(reports)).toMatch(/^PROJECTION\s+BUILD\s+VERSION\s+STATE/);

    await must(server, 'server').stop();
    await store.append(channelStream('101'), [followers('101', 40, 1500), followers('101', 41, 1510)]);
    const behind = must(
      (await projectionsStatus(db.pool, allProjections, { logInPostgres: true })).find(
        (r) => r.name === 'channel-analytics',
      ),
      'await projectionsStatus(db.pool, allProjections, { logInPostgres: tru…',
    );
    expect(behind.builds[0]).toMatchObject({ lagEvents: 2, lagSeconds: anyOf(Number) });
    server = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: allProjections,
      logger,
      reconcileIntervalMs: 100,
    });
    await server.start();
  });

  it('rebuild replays into a new build beside the serving one, switches readers to it, and produces the same rows', async () => {
    const projection = must(
      allProjections.find((p) => p.name === 'channel-analytics'),
      "allProjections.find((p) => p.name === 'channel-analytics')",
    );
    const [old] = await buildsWhere(db.pool, 'name = $1 AND active', [projection.name]);
    await waitFor(
      async () =>
        must(
          (await buildsWhere(db.pool, 'build_id = $1', [must(old, 'old').buildId]))[0],
          "(await buildsWhere(db.pool, 'build_id = $1', [old.buildId]))[0]",
        ).eventsProcessed ===
        handledEvents(projection) + 2,
      'the server to process the new events',
    );
    const seen: RunnerProgress[] = [];
    const totals: Array<number | null> = [];
    const progress: ProgressFactory = (_name, total) => {
      totals.push(total);
      return { update: (p) => seen.push(p), finish: () => undefined, stop: () => undefined };
    };

    const result = await rebuildProjection(context, projection.name, { progress, batchSize: 5 });

    const expected = handledEvents(projection) + 2;
    expect(totals).toEqual([expected]);
    expect(result).toMatchObject({
      name: projection.name,
      previousBuildId: must(old, 'old').buildId,
      eventsProcessed: expected,
    });
    expect(result.buildId).toBeGreaterThan(must(old, 'old').buildId);
    expect(must(seen.at(-1), 'seen.at(-1)').eventsProcessed).toBe(expected);
    const builds = await buildsWhere(db.pool, 'name = $1', [projection.name]);
    expect(builds.find((b) => b.buildId === result.buildId)).toMatchObject({ active: true, state: 'live' });
    expect(builds.find((b) => b.buildId === must(old, 'old').buildId)).toMatchObject({
      active: false,
      state: 'retired',
    });
    for (const table of projection.tables) {
      const before = await rows(table.name, must(old, 'old').buildId, table.primaryKey);
      // Tables this history does not feed (e.g. per-stream content counts) are empty on both sides.
      if (table.name === 'channel_analytics') expect(before.length).toBeGreaterThan(0);
      expect(await rows(table.name, result.buildId, table.primaryKey)).toEqual(before);
    }
    // The server's reconcile loop takes over the new build once the CLI's projector has let go of it.
    await store.append(channelStream('202'), [followers('202', 40, 2500)]);
    await waitFor(
      async () =>
        must(
          (await buildsWhere(db.pool, 'build_id = $1', [result.buildId]))[0],
          "(await buildsWhere(db.pool, 'build_id = $1', [result.buildId]))[0]",
        ).eventsProcessed ===
        expected + 1,
      'the server to follow the new build',
    );
  });

  // The server's reconcile takes most of the new builds (the CLI creates them one by one) and switches
  // readers to them while its heartbeat stamps the builds it follows: the two used to deadlock, and a
  // switch aborted that way was never tried again, so this waited forever (projector.int.spec.ts).
  it('replay rebuilds every projection together, with one progress bar over all their events', async () => {
    // The server's builds follow the previous test's append on their own time: count from a settled log.
    await waitFor(
      async () =>
        (await projectionsStatus(db.pool, allProjections, { logInPostgres: true })).every((r) =>
          r.builds.every((b) => b.lagEvents === 0),
        ),
      'every active build to reach the head of the log',
    );
    const before = await buildsWhere(db.pool, 'active');
    const seen: RunnerProgress[] = [];
    const totals: Array<number | null> = [];
    const finished: number[] = [];
    const progress: ProgressFactory = (_name, total) => {
      totals.push(total);
      return { update: (p) => seen.push(p), finish: (n) => finished.push(n), stop: () => undefined };
    };
    const { results, failures } = await replayAll(context, { progress });
    const handledByAll = allProjections.reduce(
      (n, p) =>
        n +
        must(
          before.find((b) => b.name === p.name),
          'before.find((b) => b.name === p.name)',
        ).eventsProcessed,
      0,
    );
    expect(totals).toEqual([handledByAll]);
    // Updates come as work is committed: a small replay may finish before the first one; none may overshoot.
    for (const p of seen) expect(p.eventsProcessed).toBeLessThanOrEqual(handledByAll);
    expect(finished).toEqual([handledByAll]);
    expect(results.map((r) => r.eventsProcessed)).toEqual(
      allProjections.map(
        (p) =>
          must(
            before.find((b) => b.name === p.name),
            'before.find((b) => b.name === p.name)',
          ).eventsProcessed,
      ),
    );
    expect(failures).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(allProjections.map((p) => p.name));
    for (const result of results)
      expect(result.previousBuildId).toBe(
        must(
          before.find((b) => b.name === result.name),
          'before.find((b) => b.name === result.name)',
        ).buildId,
      );
    const status = await projectionsStatus(db.pool, allProjections, { logInPostgres: true });
    expect(status.every((r) => r.builds.length === 1 && must(r.builds[0], 'r.builds[0]').lagEvents === 0)).toBe(true);
  });

  it('follows a build that another process runs until readers switch to it (the server took its lock first)', async () => {
    const [old] = await buildsWhere(db.pool, `name = 'channel-profiles' AND active`);
    const running = must(server, 'server').rebuild('channel-profiles');
    let created: number | undefined;
    await waitFor(
      async () =>
        (created = (
          await buildsWhere(db.pool, `name = 'channel-profiles' AND build_id > $1`, [must(old, 'old').buildId])
        )[0]?.buildId) !== undefined,
      'the new build',
    );
    const followed = await followBuild(db.pool, must(created, 'created'), { pollMs: 20 });
    expect(followed).toMatchObject({ buildId: created, active: true, state: 'live', eventsProcessed: 2 });
    await running;
  });

  it('an unknown projection is an error that names the known ones, and changes nothing', async () => {
    const before = await buildsWhere(db.pool);
    const error = await rebuildProjection(context, 'channel-analytic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownProjectionError);
    expect((error as Error).message).toBe(
      `Unknown projection "channel-analytic" (known: ${allProjections.map((p) => p.name).join(', ')})`,
    );
    // (Heartbeats of the running server move lastFollowedAt on.)
    const unfollowed = (builds: ProjectionBuild[]) => builds.map((b) => ({ ...b, lastFollowedAt: null }));
    expect(unfollowed(await buildsWhere(db.pool))).toEqual(unfollowed(before));
  });

  it('a rebuild that fails at an event stops there with an error, and the status says where and why', async () => {
    await db.pool.query(`CREATE TABLE projection_templates.logins (channel_id text PRIMARY KEY, login text NOT NULL)`);
    const fragile = defineProjection({
      name: 'fragile-logins',
      version: 1,
      handles: ['ChannelProfileFetched'],
      tables: [{ name: 'logins', primaryKey: ['channel_id'], columns: { channel_id: 'text', login: 'text' } }],
      rowsToLoad: () => [],
      apply(event, rowSet) {
        if (event.data.broadcasterId === '202') throw new Error('cannot take channel 202');
        rowSet.put('logins', { channel_id: event.data.broadcasterId, login: event.data.user.login });
      },
    }) as Projection;
    const projections = [...allProjections, fragile];
    const error = await rebuildProjection({ ...context, projections }, 'fragile-logins').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect((error as Error).message).toContain('cannot take channel 202');

    const report = must(
      (await projectionsStatus(db.pool, projections, { logInPostgres: true })).find((r) => r.name === 'fragile-logins'),
      'await projectionsStatus(db.pool, projections, { logInPostgres: true }…',
    );
    expect(report.builds).toEqual([
      objectContaining({
        state: 'failed',
        failedEventId: deterministicEventId('p', '202'),
        error: 'cannot take channel 202',
        lagEvents: 1,
      }),
    ]);
    expect(formatStatusTable([report])).toContain(
      `↳ failed at event ${deterministicEventId('p', '202')} (position ${must(report.builds[0], 'report.builds[0]').failedPosition}): cannot take channel 202`,
    );
  });

  it('an interrupted rebuild leaves the old build serving; a server resumes the new one later and switches', async () => {
    await must(server, 'server').stop(); // so that nothing else touches the new build until the "server" starts again
    const [old] = await buildsWhere(db.pool, `name = 'channel-analytics' AND active`);
    const abort = new AbortController();
    const progress: ProgressFactory = () => ({
      update: () => abort.abort(),
      finish: () => undefined,
      stop: () => undefined,
    });
    const error = await rebuildProjection(context, 'channel-analytics', {
      progress,
      signal: abort.signal,
      batchSize: 5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebuildInterruptedError);
    const builds = await buildsWhere(db.pool, `name = 'channel-analytics' AND build_id >= $1`, [
      must(old, 'old').buildId,
    ]);
    expect(builds).toEqual([
      objectContaining({ buildId: must(old, 'old').buildId, active: true }),
      objectContaining({ active: false, state: 'building', eventsProcessed: 5 }),
    ]);
    expect((error as Error).message).toContain(
      `after 5 events: build ${must(builds[1], 'builds[1]').buildId} stays 'building' and the old build keeps serving`,
    );

    server = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: allProjections,
      logger,
      reconcileIntervalMs: 100,
    });
    await server.start();
    await waitFor(
      async () =>
        must(
          (await buildsWhere(db.pool, 'build_id = $1', [must(builds[1], 'builds[1]').buildId]))[0],
          "(await buildsWhere(db.pool, 'build_id = $1', [builds[1].buildId]))[0]",
        ).active,
      'the server to finish the build and switch',
    );
  });
});
