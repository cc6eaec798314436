/**
 * The projector when the database goes away at the worst moments (real PostgreSQL; connections
 * dropped by a proxy in front of it, or killed with pg_terminate_backend):
 * - a statement failing right after a build's lock was taken leaves the build to the next
 *   reconcile, instead of holding its lock with nothing running it;
 * - a commit whose reply was lost, followed by a reset that failed too, never makes a runner resume
 *   from the stale checkpoint it still had in memory (which applied events twice);
 * - a rebuild whose build never switches readers fails, saying why, instead of waiting forever;
 * - a first reconcile that loses its connection leaves a started projector that runs the build at
 *   the next pass, instead of a start that fails (and a server with no projector).
 * The projections here count events, so any event applied twice or skipped shows in the rows.
 */
import { channelStream, defineProjection, type Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
import { PostgresFaultProxy } from '../testing/postgres-fault-proxy.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { waitFor } from '../testing/wait-for.js';
import { buildsWhere } from '../testing/builds-where.js';
import { BUILD_LOCK_CLASS, Projector, type ProjectorOptions } from './projector.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const CHANNELS = ['11', '22', '33', '44', '55'];

/** A projection counting the events of one type per channel, into its own table. */
function counter(name: string, type: 'FollowerCountFetched' | 'ChannelProfileFetched'): Projection {
  const table = name.replaceAll('-', '_');
  return defineProjection({
    name,
    version: 1,
    handles: [type],
    tables: [{ name: table, primaryKey: ['channel_id'], columns: { channel_id: 'text', events: 'integer' } }],
    rowsToLoad: (event) => [{ table, key: { channel_id: event.data.broadcasterId } }],
    apply(event, rows) {
      const row = rows.get<{ events: number }>(table, { channel_id: event.data.broadcasterId });
      rows.put(table, { channel_id: event.data.broadcasterId, events: (row?.events ?? 0) + 1 });
    },
  });
}

function fetches(count: number, type: 'FollowerCountFetched' | 'ChannelProfileFetched'): Array<[string, NewEvent]> {
  return Array.from({ length: count }, (_, i) => {
    const channel = CHANNELS[i % CHANNELS.length] ?? '11';
    const fetchedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const data =
      type === 'FollowerCountFetched'
        ? { broadcasterId: channel, total: i, raw: { total: i } }
        : { broadcasterId: channel, user: { id: channel, login: `c${channel}`, display_name: `C${channel}` } };
    return [
      channelStream(channel),
      {
        id: crypto.randomUUID(),
        type,
        data,
        metadata: { correlationId: 'test', source: 'simulator', schemaVersion: 1, fetchedAt },
      },
    ];
  });
}

describe('projector through database outages', () => {
  let db: TestDatabase;
  let store: EventStore;
  let proxy: PostgresFaultProxy;
  /** The projector's pool and store, through the proxy. */
  let proxiedPool: pg.Pool;
  let proxiedStore: EventStore;
  const started: Projector[] = [];
  const appended = new Map<string, number>();

  const append = async (events: Array<[string, NewEvent]>) => {
    for (const [stream, event] of events) {
      await store.append(stream, [event]);
      appended.set(event.type, (appended.get(event.type) ?? 0) + 1);
    }
  };
  const newProjector = (options: Partial<ProjectorOptions> & Pick<ProjectorOptions, 'projections'>) => {
    const projector = new Projector({
      pool: proxiedPool,
      eventStore: proxiedStore,
      logger,
      reconcileIntervalMs: 100,
      heartbeatMs: 3_600_000,
      ...options,
    });
    started.push(projector);
    return projector;
  };
  /** The projection's rows: per channel, how many events it counted. */
  const counted = async (projection: Projection) => {
    const table = projection.tables[0]?.name ?? '';
    const { rows } = await db.pool.query<{ channel_id: string; events: number }>(
      `SELECT channel_id, events FROM ${table} ORDER BY channel_id`,
    );
    return rows;
  };
  /** What the projection must count: each event appended, once. */
  const expected = (projection: Projection) => {
    const total = appended.get(projection.handles[0] ?? '') ?? 0;
    return CHANNELS.map((channel, i) => ({
      channel_id: channel,
      events: Math.floor(total / CHANNELS.length) + (i < total % CHANNELS.length ? 1 : 0),
    })).filter((r) => r.events > 0);
  };
  const countsMatch = (projection: Projection) => async () =>
    JSON.stringify(await counted(projection)) === JSON.stringify(expected(projection));
  const sum = (rows: Array<{ events: number }>) => rows.reduce((total, r) => total + r.events, 0);
  const countedAtLeast = (projection: Projection) => async () =>
    sum(await counted(projection)) >= sum(expected(projection));

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    proxy = await PostgresFaultProxy.start(db.url);
    const proxiedUrl = proxy.urlFor(db.url);
    proxiedPool = createPool(proxiedUrl, { max: 10 });
    proxiedStore = createEventStore({ pool: proxiedPool, databaseUrl: proxiedUrl });
    for (const table of ['lock_follows', 'reply_follows', 'reply_profiles', 'switch_follows', 'first_follows'])
      await db.pool.query(
        `CREATE TABLE projection_templates.${table} (channel_id text PRIMARY KEY, events integer NOT NULL)`,
      );
  });
  afterEach(async () => {
    for (const projector of started.splice(0)) await projector.stop();
  });
  afterAll(async () => {
    await proxiedStore.close();
    await proxiedPool.end();
    await proxy.close();
    await store.close();
    await db.drop();
  });

  it('a statement failing right after a build was locked leaves the build to the next reconcile, not stalled', async () => {
    const follows = counter('lock-follows', 'FollowerCountFetched');
    await append(fetches(20, 'FollowerCountFetched'));
    await newProjector({ projections: [follows] }).start();
    await waitFor(countsMatch(follows), 'the build to count the first events');

    // The build's lock session dies (its runner stops); the next reconcile takes the lock again, and
    // the statement it runs next loses its connection.
    const failed = proxy.dropStatements('code_fingerprint IS NULL', 1);
    await db.pool.query(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.classid = $1`,
      [BUILD_LOCK_CLASS],
    );
    await failed;
    await append(fetches(20, 'FollowerCountFetched'));
    await waitFor(countsMatch(follows), 'the build to run again and count the events appended since');
    expect(await counted(follows)).toEqual(expected(follows));
  });

  it('a first reconcile that loses its connection is retried: the projector starts and counts every event', async () => {
    const follows = counter('first-follows', 'FollowerCountFetched');
    await append(fetches(20, 'FollowerCountFetched'));
    // The first pass creates and locks the build, then its next statement loses the connection.
    const failed = proxy.dropStatements('FROM projection_build_partitions WHERE build_id = ANY', 1);
    await newProjector({ projections: [follows] }).start();
    await failed;
    await waitFor(countsMatch(follows), 'the next reconcile to run the build and count the events');
    expect(await counted(follows)).toEqual(expected(follows));
  });

  it('a lost commit reply followed by a failed reset does not apply events twice', async () => {
    const follows = counter('reply-follows', 'FollowerCountFetched');
    const profiles = counter('reply-profiles', 'ChannelProfileFetched');
    const log = [...fetches(400, 'FollowerCountFetched'), ...fetches(400, 'ChannelProfileFetched')];
    await append(log.filter((_, i) => i % 2 === 0));
    await append(log.filter((_, i) => i % 2 === 1));
    // The two new builds replay together (one catch-up group), committing every 40 events. The
    // first checkpoint commit is made but its reply lost; the group stops at that commit's error,
    // and both builds' resets (reading their checkpoints) lose their connections too.
    const lost = proxy.loseNextCommitReply('SET checkpoint_commit');
    const resetsFailed = proxy.dropStatements('checkpoint_commit::text AS c', 2);
    await newProjector({
      projections: [follows, profiles],
      batchSize: 20,
      catchUpCommitEvery: { events: 40 },
      reconcileIntervalMs: 3_600_000,
    }).start();
    await lost;
    await resetsFailed;
    // Counted at least once each (a double count would not turn right by waiting, so compare then).
    await waitFor(
      async () => (await countedAtLeast(follows)()) && (await countedAtLeast(profiles)()),
      'both builds to count every event',
    );
    expect(await counted(follows)).toEqual(expected(follows));
    expect(await counted(profiles)).toEqual(expected(profiles));
  });

  it('a rebuild whose build never switches readers fails and says why, instead of waiting forever', async () => {
    const follows = counter('switch-follows', 'FollowerCountFetched');
    const projector = newProjector({ projections: [follows], stallTimeoutMs: 3_000 });
    await projector.rebuild(follows.name);
    // Every switch of readers to a build is refused from now on.
    await db.pool.query(`
      CREATE FUNCTION refuse_switch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.active AND NOT OLD.active THEN RAISE EXCEPTION 'switch refused by the test'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_switch BEFORE UPDATE ON projection_builds FOR EACH ROW EXECUTE FUNCTION refuse_switch();`);
    try {
      await expect(projector.rebuild(follows.name)).rejects.toThrow(
        /readers have not switched.*switch refused by the test/s,
      );
    } finally {
      await db.pool.query(`DROP TRIGGER refuse_switch ON projection_builds; DROP FUNCTION refuse_switch();`);
    }
    // Held by a process that makes no progress: the rebuild names that, too.
    const { rows } = await db.pool.query<{ next: string }>(
      `SELECT (last_value + CASE WHEN is_called THEN 1 ELSE 0 END)::text AS next FROM projection_builds_build_id_seq`,
    );
    const holder = await db.pool.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock($1, $2)`, [BUILD_LOCK_CLASS, Number(rows[0]?.next)]);
      await expect(projector.rebuild(follows.name)).rejects.toThrow(/no progress.*another process/s);
    } finally {
      holder.release(true);
    }
    expect((await buildsWhere(db.pool, `name = 'switch-follows' AND active`)).length).toBe(1);
  });
});
