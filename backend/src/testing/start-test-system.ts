/**
 * The whole system for an end-to-end test: a fresh database on the run's PostgreSQL, the Helix
 * simulator with the demo channels, local auth with keys in a temporary folder, HTTP on a free port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSystem, type RunningSystem } from '../app/start-system.js';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken, type LocalTokenOptions } from '../auth/local-token-issuer.js';
import { loadConfig } from '../config/app-config.js';
import { silentLogger } from '../logging/logger.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { projectionsCaughtUp } from './projections-caught-up.js';

export interface TestSystem extends RunningSystem {
  db: TestDatabase;
  dataDir: string;
  token(userId: string, options?: LocalTokenOptions): Promise<string>;
  /** Waits until every projection has processed everything in the log. */
  projectionsCaughtUp(): Promise<void>;
  get(pathAndQuery: string, token?: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Demo history days unless a test says otherwise: 30 past days and today are the fewest that a
 * 30-day follower change and a 30-day chart (each day's gain needs the day before) can be checked
 * on. Every recorded day costs seconds on a busy machine, so a test that needs fewer asks for fewer.
 */
export const TEST_DEMO_HISTORY_DAYS = 30;

export interface TestSystemOptions {
  /** False for a test that records its own data: no demo channels connected, nothing collected. */
  recordDemo?: boolean;
}

export async function startTestSystem(
  env: Record<string, string> = {},
  { recordDemo = true }: TestSystemOptions = {},
): Promise<TestSystem> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-test-'));
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    DEMO_HISTORY_DAYS: String(TEST_DEMO_HISTORY_DAYS),
    ...env,
  });
  const system = await startSystem(config, { logger: silentLogger, projectorIntervalMs: 250, recordDemo });
  const keys = await loadOrCreateLocalAuthKeys(dataDir);
  return {
    ...system,
    db,
    dataDir,
    token: async (userId, options) => (await issueLocalToken(keys, userId, options)).token,
    projectionsCaughtUp: () => projectionsCaughtUp(system.url),
    get: (pathAndQuery, token, headers = {}) =>
      fetch(`${system.url}${pathAndQuery}`, {
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      }),
    async stop() {
      await system.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
