import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { readRows } from './read-rows.js';

/**
 * Read tables are views that a blue/green switch replaces, while pooled connections keep the
 * statements they prepared over the old ones.
 */
describe('readRows (prepared read-model queries)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it('answers from a replaced view, also when its columns changed type, on every pooled connection', async () => {
    await db.pool.query(
      `CREATE TABLE t_b1 (channel_id text, followers int); INSERT INTO t_b1 VALUES ('a', 1), ('b', 2)`,
    );
    await db.pool.query(`CREATE VIEW t AS SELECT * FROM t_b1`);
    const sql = `SELECT * FROM t WHERE channel_id = $1`;
    // Prepared on several connections at once.
    const before = await Promise.all(Array.from({ length: 6 }, () => readRows(db.pool, sql, ['a'])));
    expect(before.map((rows) => rows[0])).toEqual(Array(6).fill({ channel_id: 'a', followers: 1 }));

    // The switch: a new build whose followers are float8, then the view over it.
    await db.pool.query(`CREATE TABLE t_b2 (channel_id text, followers float8); INSERT INTO t_b2 VALUES ('a', 1.5)`);
    await db.pool.query(`BEGIN; DROP VIEW t; CREATE VIEW t AS SELECT * FROM t_b2; COMMIT`);
    const after = await Promise.all(Array.from({ length: 6 }, () => readRows(db.pool, sql, ['a'])));
    expect(after.map((rows) => rows[0])).toEqual(Array(6).fill({ channel_id: 'a', followers: 1.5 }));
  });

  it('reads a table that has no view yet as empty, and finds it once it exists', async () => {
    const sql = `SELECT channel_id FROM not_built_yet WHERE channel_id = $1`;
    expect(await readRows(db.pool, sql, ['a'])).toEqual([]);
    await db.pool.query(`CREATE TABLE not_built_yet AS SELECT 'a'::text AS channel_id`);
    expect(await readRows(db.pool, sql, ['a'])).toEqual([{ channel_id: 'a' }]);
  });

  it('passes other errors on', async () => {
    await expect(readRows(db.pool, `SELECT 1/0 AS n WHERE $1::text IS NOT NULL`, ['a'])).rejects.toThrow(
      /division by zero/,
    );
  });
});
