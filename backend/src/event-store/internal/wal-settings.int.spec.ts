/**
 * The embedded server runs with the WAL settings the appends were measured with
 * (backend/src/database/embedded-postgres.ts): the test cluster is started by the same code.
 */
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

describe("the embedded server's WAL settings for appends", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('has 32 MB of WAL buffers and checkpoints at most every 15 min or 4 GB', async () => {
    const { rows } = await db.pool.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
        WHERE name IN ('wal_buffers', 'max_wal_size', 'checkpoint_timeout') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'checkpoint_timeout', setting: '15min' },
      { name: 'max_wal_size', setting: '4GB' },
      { name: 'wal_buffers', setting: '32MB' },
    ]);
  });
});
