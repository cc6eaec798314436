/**
 * The idempotency check looks event ids up through a hash index (migrations/src/
 * 1764000000080-event-id-hash-index.ts): the index is a hash one, the check's two look-ups use it
 * (not a scan of the log), and a repeated append is still recognised through it.
 */
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { newEvents } from '../contract/contract-helpers.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';

describe('the event id index', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let client: pg.PoolClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { listenConnection: db.url });
    for (let stream = 0; stream < 20; stream++) await store.append(`index-${stream}`, newEvents(100));
    await db.pool.query('ANALYZE events');
    client = await db.pool.connect();
  });
  afterAll(async () => {
    client.release();
    await store.close();
    await db.drop();
  });

  it('is a hash index on event_id, and the only index on it', async () => {
    const { rows } = await db.pool.query<{ name: string; method: string }>(
      `SELECT i.relname AS name, am.amname AS method
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
        WHERE x.indrelid = 'events'::regclass AND pg_get_indexdef(x.indexrelid) LIKE '%(event_id)%'`,
    );
    expect(rows).toEqual([{ name: 'events_event_id_hash_idx', method: 'hash' }]);
  });

  /** The index names in a statement's generic plan (as the plpgsql function caches it). */
  async function indexesOf(statement: string): Promise<string[]> {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE look_up(uuid[]) AS ${statement}`);
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) EXECUTE look_up(ARRAY[gen_random_uuid(), gen_random_uuid()])`,
      );
      return [...JSON.stringify(rows[0]?.['QUERY PLAN']).matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1] ?? '');
    } finally {
      await client.query('DEALLOCATE look_up');
      await client.query('RESET plan_cache_mode');
    }
  }

  it("the check's look-up of the first id uses it", async () => {
    expect(
      await indexesOf(`SELECT ev.stream_id FROM events ev
         WHERE ev.event_id = ($1::uuid[])[1] ORDER BY ev.position_commit, ev.position_prepare LIMIT 1`),
    ).toEqual(['events_event_id_hash_idx']);
  });

  it("the check's look-up of every id of a batch uses it", async () => {
    expect(
      await indexesOf(`SELECT f.stream_id FROM unnest($1::uuid[]) WITH ORDINALITY AS b(id, o)
         LEFT JOIN LATERAL (SELECT ev.stream_id FROM events ev
           WHERE ev.event_id = b.id ORDER BY ev.position_commit, ev.position_prepare LIMIT 1) f ON true`),
    ).toEqual(['events_event_id_hash_idx']);
  });

  it('a repeated append is recognised through it', async () => {
    const events = newEvents(3);
    const first = await store.append('index-repeat', events);
    await store.append('index-repeat', newEvents(2));
    const repeat = await store.append('index-repeat', events);
    expect(repeat).toEqual(first);
    expect(await store.readStream('index-repeat')).toHaveLength(5);
  });
});
