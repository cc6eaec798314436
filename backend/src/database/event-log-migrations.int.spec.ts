/**
 * The event log's schema changes applied to a log that already holds events (a database
 * migrated before them): nothing is lost and every event reads back through the store.
 */
import { allMigrations } from '@creatorsync/migrations';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { runMigrations } from './run-migrations.js';

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
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await store?.close();
    await db.drop();
  });

  it('turns jsonb payloads into json ones, keeping every event', async () => {
    await migrateUpTo(db.url, 'EventPayloadsAsJson1764000000030');
    await db.pool.query(`INSERT INTO streams (stream_id, revision) VALUES ('old', 1)`);
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES
        ('old', 0, '00000000-0000-4000-8000-000000000001', 'OldFetched', '{"b": 1, "a": [1, 2]}', '{"source": "test"}'),
        ('old', 1, '00000000-0000-4000-8000-000000000002', 'OldFetched', '{"n": "x"}', '{}')`,
    );
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
});
