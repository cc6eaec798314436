import { rm } from 'node:fs/promises';
import type { RunningEmbeddedPostgres } from '../database/embedded-postgres.ts'; // .ts: Jest loads global setup outside its ESM resolver

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __testPostgres?: { server: RunningEmbeddedPostgres; dataDir: string } })
    .__testPostgres;
  if (!state) return;
  await state.server.stop();
  await rm(state.dataDir, { recursive: true, force: true });
}
