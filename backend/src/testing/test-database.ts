/**
 * A fresh, migrated database for one test file, on the run's embedded PostgreSQL server.
 * Usage: `const db = await createTestDatabase();` in beforeAll, `await db.drop()` in afterAll.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { runMigrations } from '../database/run-migrations.js';

export interface TestDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export function testPostgresAdminUrl(): string {
  const url = process.env.TEST_POSTGRES_ADMIN_URL;
  if (!url)
    throw new Error(
      'TEST_POSTGRES_ADMIN_URL is not set: run tests through `npm test` (Jest global setup starts PostgreSQL)',
    );
  return url;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = testPostgresAdminUrl();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  if (options.migrate !== false) await runMigrations(url);
  const pool = createPool(url, { max: 10 });
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
