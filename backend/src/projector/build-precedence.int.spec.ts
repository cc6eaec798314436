/**
 * Builds carry the identity of their code: an older process beside a newer one never replaces the
 * newer build (no flip-flop), a process with other code for the same version neither replaces nor
 * follows its build, and status tells which builds no process follows.
 */
import { channelProfiles, channelStream, eventCatalogue, type Projection } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { waitFor } from '../testing/wait-for.js';
import { codeFingerprint } from './code-fingerprint.js';
import { buildsWhere } from '../testing/builds-where.js';
import { projectionStatuses } from './projection-status.js';
import { Projector, RebuildRefusedError } from './projector.js';
import { rebuildProjection } from '../cli/projections-rebuild.js';
import { must } from '../must.js';
import { objectContaining, stringContaining } from '../testing/matchers.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const v2: Projection = { ...channelProfiles, version: 2 };
const v3: Projection = { ...channelProfiles, version: 3 };
/** Version 3 again, computed by other code (an edit without a version bump). */
const v3OtherCode: Projection = {
  ...channelProfiles,
  version: 3,
  apply: (event, rows) => {
    channelProfiles.apply(event as Parameters<typeof channelProfiles.apply>[0], rows);
  },
};

describe('which build wins', () => {
  let db: TestDatabase;
  let store: EventStore;
  const projectors: Projector[] = [];
  const projector = (projection: Projection, kind: 'server' | 'cli' = 'server') => {
    const p = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: [projection],
      logger,
      reconcileIntervalMs: 50,
      heartbeatMs: 50,
      kind,
    });
    projectors.push(p);
    return p;
  };
  const append = (n: number, from = 0) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.append(channelStream(`c${from + i}`), [
          {
            id: randomUUID(),
            type: 'ChannelProfileFetched',
            data: {
              broadcasterId: `c${from + i}`,
              user: { id: `c${from + i}`, login: `c${from + i}`, display_name: `C${from + i}` },
              channel: { broadcaster_id: `c${from + i}`, title: 't' },
            },
            metadata: {
              correlationId: 'test',
              source: 'simulator',
              schemaVersion: eventCatalogue.ChannelProfileFetched.version,
              fetchedAt: '2026-01-01T00:00:00Z',
            },
          },
        ]),
      ),
    );
  const conflictsOf = async (fingerprint: string) => {
    const { rows } = await db.pool.query<{ conflicts: Array<{ buildId: number; reason: string }>; beat: string }>(
      `SELECT conflicts, heartbeat_at::text AS beat FROM projector_processes WHERE code @> $1::jsonb`,
      [JSON.stringify([{ fingerprint }])],
    );
    return rows;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    await append(20);
  });
  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('an older and a newer server racing: the newer build stays, the older neither replaces nor follows it', async () => {
    await Promise.all([projector(v2).start(), projector(v3).start()]);
    let newest: number | undefined;
    await waitFor(async () => {
      const [active] = await buildsWhere(db.pool, `name = 'channel-profiles' AND active AND state = 'live'`);
      newest = active?.version === 3 && active.caughtUpAt ? active.buildId : undefined;
      return newest !== undefined;
    }, 'version 3 to serve');
    // The older server sees it, says why it keeps off, and goes on reconciling (its heartbeat moves on).
    let seen: string | undefined;
    await waitFor(async () => {
      const [older] = await conflictsOf(codeFingerprint(v2));
      if (!older?.conflicts.some((c) => c.buildId === newest)) return false;
      seen ??= older.beat;
      if (older.beat === seen) return false;
      // A version 2 build it began beside (the two started together) is retired when it catches up.
      return (await buildsWhere(db.pool, `version = 2 AND state IN ('building', 'live')`)).length === 0;
    }, 'the older server to report the conflict, reconcile again and retire what it built');
    await append(5, 100);
    await waitFor(
      async () =>
        must(
          (await buildsWhere(db.pool, 'build_id = $1', [newest]))[0],
          "(await buildsWhere(db.pool, 'build_id = $1', [newest]))[0]",
        ).eventsProcessed === 25,
      'the newer server to follow new events',
    );

    const builds = await buildsWhere(db.pool, `name = 'channel-profiles'`);
    const v3Build = must(
      builds.find((b) => b.buildId === newest),
      'builds.find((b) => b.buildId === newest)',
    );
    expect(v3Build).toMatchObject({ active: true, version: 3, codeFingerprint: codeFingerprint(v3) });
    expect(builds.filter((b) => b.active)).toHaveLength(1);
    // No version 2 build served after version 3 began to: one built beside it was refused the switch.
    for (const b of builds.filter((b) => b.version === 2)) {
      expect(b.state).toBe('retired');
      if (b.activatedAt)
        expect(b.activatedAt.getTime()).toBeLessThanOrEqual(must(v3Build.activatedAt, 'v3Build.activatedAt').getTime());
      else expect(b.error).toMatch(/^not activated: build \d+ of version 3 serves, newer/);
    }
    const [status] = (await projectionStatuses(db.pool, [v3], { logInPostgres: true })).filter(
      (s) => s.buildId === newest,
    );
    expect(status).toMatchObject({ state: 'live', followedBy: [objectContaining({ kind: 'server' })] });
    expect(must(status, 'status').conflicts).toEqual([stringContaining('this process has version 2, older')]);
  });

  it('other code for the same version: a rebuild is refused, and a server with it follows nothing', async () => {
    const [active] = await buildsWhere(db.pool, `name = 'channel-profiles' AND active`);
    expect(must(active, 'active').version).toBe(3);
    const error = await projector(v3OtherCode, 'cli')
      .rebuild('channel-profiles')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebuildRefusedError);
    expect((error as Error).message).toMatch(/made by other code .*bump the version/);

    await projector(v3OtherCode).start();
    await waitFor(
      async () =>
        (await conflictsOf(codeFingerprint(v3OtherCode)))[0]?.conflicts.some(
          (c) => c.buildId === must(active, 'active').buildId,
        ) ?? false,
      'the server with other code to report the conflict',
    );
    const builds = await buildsWhere(db.pool, `name = 'channel-profiles' AND state <> 'retired'`);
    expect(builds.map((b) => b.buildId)).toEqual([must(active, 'active').buildId]);
    const [status] = await projectionStatuses(db.pool, [v3], { logInPostgres: true });
    expect(status).toMatchObject({ buildId: must(active, 'active').buildId, state: 'not followed' });
    expect(must(status, 'status').conflicts).toEqual([stringContaining('made by other code')]);
  });

  it('status: a build that no process follows is "not followed", with the time it last was', async () => {
    const cli = projector(v3, 'cli');
    const built = await cli.rebuild('channel-profiles');
    await waitFor(
      async () => (await projectionStatuses(db.pool, [v3], { logInPostgres: true }))[0]?.followedBy.length === 1,
      'the rebuild to be followed',
    );
    const [following] = await projectionStatuses(db.pool, [v3], { logInPostgres: true });
    expect(following).toMatchObject({ buildId: built.buildId, state: 'live', followedBy: [{ kind: 'cli' }] });
    await cli.stop();
    const [after] = await projectionStatuses(db.pool, [v3], { logInPostgres: true });
    expect(after).toMatchObject({ buildId: built.buildId, state: 'not followed', followedBy: [] });
    expect(Date.parse(must(must(after, 'after').lastFollowedAt, 'after.lastFollowedAt'))).toBeGreaterThan(
      built.createdAt.getTime(),
    );
  });

  it('rebuild --follow keeps the new build current until a server with this code runs, then hands it over', async () => {
    let followed: number | undefined;
    const processed = async () =>
      must(
        (await buildsWhere(db.pool, 'build_id = $1', [followed]))[0],
        "(await buildsWhere(db.pool, 'build_id = $1', [followed]))[0]",
      ).eventsProcessed;
    const rebuilt = rebuildProjection(
      { pool: db.pool, eventStore: store, projections: [v3], logger, logInPostgres: true },
      'channel-profiles',
      { follow: true, followPollMs: 50, onFollowing: (build) => (followed = build.buildId) },
    );
    await waitFor(() => Promise.resolve(followed !== undefined), 'readers to switch to the rebuilt build');
    await append(3, 200);
    await waitFor(async () => (await processed()) === 28, 'the following CLI to apply new events');
    await projector(v3).start();
    const result = await rebuilt;
    expect(result.handedOverTo).toMatch(/^server \d+ on /);
    await append(2, 300);
    await waitFor(async () => (await processed()) === 30, 'the server to take the build over and apply new events');
  });
});
