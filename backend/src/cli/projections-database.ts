/**
 * Opens the database for the projections CLI exactly as the server does (`openDatabase`: DATABASE_URL,
 * or the embedded PostgreSQL under DATA_DIR, then migrations), with one exception: when a server
 * already runs the embedded cluster, starting it again would find the cluster in use (and the
 * embedded start stops a cluster it takes for orphaned, which would pull the server's database
 * away). Then the CLI connects to the running cluster, with the port and password kept beside it,
 * and leaves it running when it is done.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { isClusterSettings } from '../database/embedded-postgres.js';
import { openDatabase, type OpenDatabase } from '../database/open-database.js';
import { runMigrations } from '../database/run-migrations.js';
import type { Logger } from '../logging/logger.js';

export interface RunningCluster {
  pid: number;
  port: number;
  url: string;
}

export async function openCliDatabase(config: AppConfig, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl) return openDatabase(config, logger);
  const running = await findRunningCluster(config.dataDir);
  if (!running) return openDatabase(config, logger);
  logger.info(
    { pid: running.pid, port: running.port },
    'embedded PostgreSQL already running (a server?): connecting to it',
  );
  await waitUntilReachable(running);
  const applied = await runMigrations(running.url);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  // Not ours to stop: the process that started it keeps using it.
  return { url: running.url, embedded: true, close: async () => {} };
}

/** The embedded cluster under `dataDir` when a live postmaster holds it, with the settings to reach it. */
export async function findRunningCluster(dataDir: string): Promise<RunningCluster | undefined> {
  const pidFile = path.resolve(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const settingsFile = path.resolve(dataDir, 'postgres.json');
  let settings: unknown;
  try {
    settings = JSON.parse(await readFile(settingsFile, 'utf8'));
  } catch (error) {
    throw new Error(
      `PostgreSQL (pid ${pid}) is running on ${dataDir}, but ${settingsFile} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!isClusterSettings(settings)) {
    throw new Error(`PostgreSQL (pid ${pid}) is running on ${dataDir}, but ${settingsFile} has no port and password`);
  }
  const url = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/creatorsync`;
  return { pid, port: settings.port, url };
}

/** A server that is still starting may not accept connections (or have its database) yet: give it a few seconds. */
async function waitUntilReachable(cluster: RunningCluster, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL (pid ${cluster.pid}) holds the data folder, but the database does not answer on port ${cluster.port}: ` +
            `${(error as Error).message}. If no server is running, the pid may belong to another program now; stop it or remove postmaster.pid.`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — still a live postmaster.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
