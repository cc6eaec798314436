/**
 * A replay split by channel (worker threads, each reading its channels' share of the Postgres log)
 * gives exactly the rows of a replay in one thread; stopped part-way, it resumes from its partition
 * checkpoints without applying anything twice; an event a projection cannot take stops that
 * projection at that event, whichever partition it falls in, and the others go on.
 */
import { allProjections, channelStream, type Projection } from '@creatorsync/projections';
import { createEventStore } from '../../event-store/create-event-store.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { createLogger } from '../../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { countOf } from '../../testing/sql-rows.js';
import { waitFor } from '../../testing/wait-for.js';
import { appendLog, generateDeterminismLog } from '../determinism-event-log.js';
import { createBuild, type ProjectionBuild } from '../projection-builds.js';
import { buildsWhere } from '../../testing/builds-where.js';
import { PartitionedReplay } from './partitioned-replay.js';
import { ReplayCodeMismatchError } from './replay-code-check.js';
import { Projector, type ProjectorOptions } from '../projector.js';
import { must } from '../../must.js';
import { arrayContaining, stringContaining } from '../../testing/matchers.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const byChannel = allProjections.filter((p) => p.parallel === 'by-channel');

describe('a replay split by channel', () => {
  let db: TestDatabase;
  let store: EventStore;
  const projectors: Projector[] = [];
  const projector = (options: Partial<ProjectorOptions> = {}) => {
    const p = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: allProjections,
      logger,
      reconcileIntervalMs: 3_600_000,
      ...options,
    });
    projectors.push(p);
    return p;
  };
  const split = (partitions: number) => ({
    parallelReplay: { databaseUrl: db.url, partitions, logLevel: 'silent', workerProjections: allProjections },
  });
  const rowsOf = async (build: ProjectionBuild, table: Projection['tables'][number]) =>
    (
      await db.pool.query<Record<string, unknown>>(
        `SELECT * FROM read_model."${table.name}_b${build.buildId}" ORDER BY ${table.primaryKey.map((k) => `"${k}"`).join(', ')}`,
      )
    ).rows;
  const activeBuilds = async () => new Map((await buildsWhere(db.pool, 'active')).map((b) => [b.name, b]));

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    await appendLog((streamId, events) => store.append(streamId, events), generateDeterminismLog());
  });
  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('builds exactly the rows of a replay in one thread', async () => {
    await projector().rebuildAll(allProjections.map((p) => p.name));
    const oneThread = await activeBuilds();
    const progress = new Map<string, number>();
    const outcomes = await projector(split(2)).rebuildAll(
      allProjections.map((p) => p.name),
      (name, p) => progress.set(name, p.eventsProcessed),
    );
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    const splitBuilds = await activeBuilds();

    for (const projection of allProjections) {
      const a = must(oneThread.get(projection.name), 'oneThread.get(projection.name)');
      const b = must(splitBuilds.get(projection.name), 'splitBuilds.get(projection.name)');
      expect(b.buildId).not.toBe(a.buildId);
      // (Checkpoints may differ: a split replay's ends at the head of the log, past the projection's last event.)
      expect({ name: projection.name, events: b.eventsProcessed }).toEqual({
        name: projection.name,
        events: a.eventsProcessed,
      });
      for (const table of projection.tables) {
        expect({ table: table.name, rows: await rowsOf(b, table) }).toEqual({
          table: table.name,
          rows: await rowsOf(a, table),
        });
      }
      expect(progress.get(projection.name)).toBe(a.eventsProcessed);
    }
    // Handed over: no partition checkpoints are left.
    expect(await countOf(db.pool, `SELECT count(*)::int AS n FROM projection_build_partitions`)).toBe(0);
  });

  it('stopped part-way, resumes from its partition checkpoints and applies nothing twice', async () => {
    const names = byChannel.map((p) => p.name);
    const reference = await activeBuilds();
    // Commits every 50 events, so there is something committed to resume from.
    const first = projector({ ...split(2), catchUpCommitEvery: { events: 50, ms: 0 }, batchSize: 100 });
    const rebuilding = first.rebuildAll(names).catch(() => undefined);
    await waitFor(
      async () =>
        (await countOf(
          db.pool,
          `SELECT count(*)::int AS n FROM projection_build_partitions WHERE checkpoint_commit IS NOT NULL`,
        )) >= 4,
      'partitions to commit',
    );
    await first.stop();
    await rebuilding;
    const stopped = (
      await db.pool.query<{ build_id: number; n: number }>(
        `SELECT build_id, sum(events_processed)::int AS n FROM projection_build_partitions GROUP BY build_id`,
      )
    ).rows;
    expect(stopped.length).toBe(byChannel.length);
    // One deal for the builds started together: every channel of the log in exactly one partition, both with work.
    const deals = (
      await db.pool.query<{ build_id: number; channels: string[] }>(
        `SELECT build_id, channels FROM projection_build_partitions ORDER BY build_id, partition_index`,
      )
    ).rows;
    const firstBuildId = must(deals[0], 'deals[0]').build_id;
    const firstDeal = deals.filter((d) => d.build_id === firstBuildId).map((d) => d.channels);
    const channelsInLog = (
      await db.pool.query<{ id: string }>(
        `SELECT substr(stream_id, 16) AS id FROM streams WHERE stream_id LIKE 'twitch-channel-%'`,
      )
    ).rows.map((r) => r.id);
    expect(firstDeal.flat().sort()).toEqual(channelsInLog.sort());
    expect(firstDeal.every((channels) => channels.length > 0)).toBe(true);
    const perBuild = new Map<number, string[][]>();
    for (const d of deals) perBuild.set(d.build_id, [...(perBuild.get(d.build_id) ?? []), d.channels]);
    expect(new Set([...perBuild.values()].map((deal) => JSON.stringify(deal)))).toEqual(
      new Set([JSON.stringify(firstDeal)]),
    );
    const building = await buildsWhere(db.pool, `build_id = ANY($1)`, [stopped.map((r) => r.build_id)]);
    expect(building.every((b) => b.checkpoint === null && b.caughtUpAt === null)).toBe(true);

    // A new process takes the builds up again (a reconcile), and they switch when caught up.
    await projector(split(2)).start();
    await waitFor(
      async () => {
        const active = await activeBuilds();
        return names.every((n) =>
          stopped.some(
            (r) =>
              r.build_id === must(active.get(n), 'active.get(n)').buildId &&
              must(active.get(n), 'active.get(n)').caughtUpAt !== null,
          ),
        );
      },
      'the resumed builds to switch',
      { timeoutMs: 120_000, pollMs: 200 },
    );
    const resumed = await activeBuilds();
    for (const projection of byChannel) {
      const before = must(reference.get(projection.name), 'reference.get(projection.name)');
      const after = must(resumed.get(projection.name), 'resumed.get(projection.name)');
      expect({ name: projection.name, events: after.eventsProcessed }).toEqual({
        name: projection.name,
        events: before.eventsProcessed,
      });
      for (const table of projection.tables) {
        expect({ table: table.name, rows: await rowsOf(after, table) }).toEqual({
          table: table.name,
          rows: await rowsOf(before, table),
        });
      }
    }
  });

  it('stops a projection at an event it cannot take, in whichever partition, and the others go on', async () => {
    // Two new channels, one with a live sample whose viewer count is text.
    const channels = ['880000', '880001'];
    const bad = channels.map((channel) => ({
      id: crypto.randomUUID(),
      type: 'LiveStreamSampled',
      data: {
        broadcasterId: channel,
        stream: {
          id: `s${channel}`,
          user_id: channel,
          viewer_count: channel === '880001' ? '1.2k' : 5,
          started_at: '2026-06-01T20:00:00Z',
          game_id: '1',
          game_name: 'G',
          title: 't',
        },
      },
      metadata: { correlationId: 'test', source: 'simulator', schemaVersion: 1, fetchedAt: '2026-06-01T20:10:00.000Z' },
    }));
    for (const [i, channel] of channels.entries()) await store.append(channelStream(channel), [must(bad[i], 'bad[i]')]);
    const takers = byChannel.filter((p) => p.handles.includes('LiveStreamSampled')).map((p) => p.name);
    const outcomes = await projector(split(2)).rebuildAll(byChannel.map((p) => p.name));
    expect(
      outcomes
        .filter((o) => o.error)
        .map((o) => o.name)
        .sort(),
    ).toEqual([...takers].sort());
    for (const name of takers) {
      const [build] = await buildsWhere(db.pool, `name = $1 AND state = 'failed'`, [name]);
      expect({ name, event: must(build, 'build').failedEventId, error: must(build, 'build').error }).toEqual({
        name,
        event: must(bad[1], 'bad[1]').id,
        error: stringContaining('viewer_count'),
      });
    }
    // Its partition checkpoints stay, with the deal, for the replay to resume after a fix.
    const { rows: deal } = await db.pool.query<{ channels: string[] }>(
      `SELECT channels FROM projection_build_partitions p JOIN projection_builds b USING (build_id) WHERE b.name = $1 ORDER BY partition_index`,
      [takers[0]],
    );
    expect(deal).toHaveLength(2);
    expect(deal.flatMap((r) => r.channels)).toEqual(arrayContaining(channels));
    // Those not taking live samples went on and switched.
    const others = outcomes.filter((o) => !takers.includes(o.name));
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((o) => o.build?.active && o.build.caughtUpAt)).toBe(true);
  });

  it('stops when a worker thread runs other code than the process that started it', async () => {
    // The process's stream-sessions is not the code on disk (as after an \`npm run build\` beside a running server).
    const original = must(
      allProjections.find((p) => p.name === 'stream-sessions'),
      "allProjections.find((p) => p.name === 'stream-sessions')",
    );
    const changed: Projection = { ...original, apply: (event, rows) => original.apply(event, rows) };
    const build = await createBuild(db.pool, changed, { activate: false });
    const replay = new PartitionedReplay({ pool: db.pool, config: split(2).parallelReplay, logger, pageSize: 1000 }, [
      { projection: changed, build },
    ]);
    const error = await replay.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayCodeMismatchError);
    expect((error as Error).message).toMatch(
      /a replay worker thread loaded other code for stream-sessions .* than the process that started it runs/,
    );
    expect(await rowsOf(build, must(changed.tables[0], 'changed.tables[0]'))).toEqual([]);
    expect(
      must(
        (await buildsWhere(db.pool, 'build_id = $1', [build.buildId]))[0],
        "(await buildsWhere(db.pool, 'build_id = $1', [build.buildId]))[0]",
      ).checkpoint,
    ).toBeNull();
    await db.pool.query(`DELETE FROM projection_builds WHERE build_id = $1`, [build.buildId]);
  });
});
