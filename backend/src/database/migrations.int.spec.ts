import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { runMigrations } from './run-migrations.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('creates the event store tables', async () => {
    const { rows } = await db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('events','streams') ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(['events', 'streams']);
  });

  it('applies nothing twice when run again, even concurrently', async () => {
    const again = await Promise.all([runMigrations(db.url), runMigrations(db.url)]);
    expect(again).toEqual([[], []]);
  });
});
