/**
 * The event log's schema changes applied to a log that already holds events (a database
 * migrated before them): nothing is lost and every event reads back through the store.
 */
import { allMigrations } from '@creatorsync/migrations';
import { DataSource } from 'typeorm';
import { newEvent, SubscriptionRecorder } from '../event-store/contract/contract-helpers.js';
import { comparePositions, type Position } from '../event-store/position.js';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { runMigrations } from './run-migrations.js';
import { must } from '../must.js';
import { closeIfOpened } from '../testing/clean-up.js';

/** Applies the migrations that come before `firstLeftOut` (its class name), as an older release would have. */
async function migrateUpTo(url: string, firstLeftOut: string): Promise<void> {
  const index = allMigrations.findIndex((m) => m.name === firstLeftOut);
  if (index < 0) throw new Error(`no migration ${firstLeftOut}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: allMigrations.slice(0, index),
    migrationsTableName: 'schema_migrations',
    logging: false,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

describe('event log migrations on an existing log', () => {
  let db: TestDatabase;
  let store: PostgresEventStore | undefined;
  /** A cursor handed out under the old schema (first test). */
  let oldCursor: Position;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await closeIfOpened(store);
    await db.drop();
  });

  it('turns jsonb payloads into json ones, keeping every event (run before 1764000000030 and after)', async () => {
    await migrateUpTo(db.url, 'EventPayloadsAsJson1764000000030');
    // Run under the old schema, positions (transaction id, sequence) are given out here.
    await db.pool.query(`INSERT INTO streams (stream_id, revision) VALUES ('old', 1)`);
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES
        ('old', 0, '00000000-0000-4000-8000-000000000001', 'OldFetched', '{"b": 1, "a": [1, 2]}', '{"source": "test"}'),
        ('old', 1, '00000000-0000-4000-8000-000000000002', 'OldFetched', '{"n": "x"}', '{}')`,
    );
    // As the old subscription did: a cursor moved to just below the snapshot's xmin.
    const { rows: xmin } = await db.pool.query<{ xmin: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
    );
    oldCursor = { commit: BigInt(must(xmin[0], 'xmin[0]').xmin) - 1n, prepare: 9223372036854775807n };
    await runMigrations(db.url);
    const { rows } = await db.pool.query(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = 'events' AND column_name IN ('data', 'metadata') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { column_name: 'data', data_type: 'json' },
      { column_name: 'metadata', data_type: 'json' },
    ]);
    store = new PostgresEventStore(db.pool, { listenConnection: db.url });
    const events = await store.readStream('old');
    expect(events.map((e) => [e.revision, e.data, e.metadata])).toEqual([
      [0n, { a: [1, 2], b: 1 }, { source: 'test' }],
      [1n, { n: 'x' }, {}],
    ]);
  });

  it('keeps the positions already handed out, and gives new events positions after all of them', async () => {
    const [old0, old1] = await must(store, 'store').readStream('old');
    const appended = await must(store, 'store').append('new', [newEvent('NewFetched')]);
    expect(comparePositions(appended.position, oldCursor)).toBeGreaterThan(0);
    expect((await must(store, 'store').readAll()).map((e) => e.id)).toEqual([
      must(old0, 'old0').id,
      must(old1, 'old1').id,
      must((await must(store, 'store').readStream('new'))[0], "(await store.readStream('new'))[0]").id,
    ]);
    const resumed = new SubscriptionRecorder(
      must(store, 'store').subscribeToAll({ fromPosition: must(old0, 'old0').position }),
    );
    try {
      await resumed.waitFor('caught up', () => resumed.caughtUpSeen);
      expect(resumed.events.map((e) => e.streamId)).toEqual(['old', 'new']);
    } finally {
      await resumed.close();
    }
  });
});

describe('event log migration to the one-call append (1764000000040) on a log that holds events', () => {
  let db: TestDatabase;
  let store: PostgresEventStore | undefined;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await closeIfOpened(store);
    await db.drop();
  });

  it('gives new events positions after those taken from the old head row, and keeps the old events', async () => {
    await migrateUpTo(db.url, 'EventLogAppendFunction1764000000040');
    // As the appends under 1764000000032 did: positions from the event_log_head row.
    await db.pool.query(`INSERT INTO streams (stream_id, revision) VALUES ('before', 1)`);
    await db.pool.query(
      `WITH head AS (UPDATE event_log_head SET last_position = last_position + 2 RETURNING last_position - 2 AS base)
       INSERT INTO events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata)
       SELECT base + o, base + o, 'before', o - 1, id, 'BeforeFetched', '{}', '{}'
       FROM head, unnest(ARRAY['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012']::uuid[])
         WITH ORDINALITY AS t(id, o)`,
    );
    await runMigrations(db.url);
    store = new PostgresEventStore(db.pool, { listenConnection: db.url });
    const before = await store.readStream('before');
    const appended = await store.append('before', [newEvent('AfterFetched')], { expectedRevision: 1n });
    expect(appended.nextExpectedRevision).toBe(2n);
    expect(comparePositions(appended.position, must(before[1], 'before[1]').position)).toBeGreaterThan(0);
    expect(appended.position.commit).toBe(must(before[1], 'before[1]').position.commit + 1n);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['before', 'before', 'before']);
  });
});
