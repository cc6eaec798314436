import pg from 'pg';
import { createEventStore } from './create-event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

describe('createEventStore', () => {
  // Neither adapter connects before its first use, so an unused pool and an unreachable address suffice.
  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
  afterAll(() => pool.end());

  it('uses the Postgres log when no EventStoreDB connection string is configured', async () => {
    for (const eventStoreConnectionString of [undefined, '']) {
      const store = createEventStore({
        eventStoreConnectionString,
        pool,
        databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      });
      expect(store).toBeInstanceOf(PostgresEventStore);
      await store.close();
    }
  });

  it('uses EventStoreDB when a connection string is configured', async () => {
    const store = createEventStore({
      eventStoreConnectionString: 'kurrentdb://127.0.0.1:1?tls=false',
      pool,
      databaseUrl: 'unused',
    });
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
  });
});
