/**
 * The database the system uses: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * DATA_DIR (database `creatorsync`). Either way the migrations are applied before anything else.
 */
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { supervisePostgres } from './postgres-supervisor.js';
import { runMigrations } from './run-migrations.js';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const safe = url.replace(/\/\/[^@]*@/, '//***@');
    super(
      `Cannot reach the database at ${safe}: ${cause instanceof Error ? cause.message : String(cause)}. Check DATABASE_URL.`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * `onDatabaseLost`: the embedded PostgreSQL died and could not be restarted; npm start exits with
 * the reason. By default only logged (a test decides for itself).
 */
export async function openDatabase(
  config: AppConfig,
  logger: Logger,
  onDatabaseLost: (reason: string) => void = () => {},
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl);
    const applied = await runMigrations(config.databaseUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    return { url: config.databaseUrl, embedded: false, close: async () => {} };
  }
  const server = await startEmbeddedPostgres(config.dataDir, (line) =>
    logger.debug({ postgres: line }, 'embedded postgres'),
  );
  const supervisor = supervisePostgres(server, {
    log: (message) => logger.warn(message),
    onGiveUp: (reason) => {
      logger.fatal({ reason }, 'the embedded PostgreSQL cannot be kept running');
      onDatabaseLost(reason);
    },
  });
  const stop = () => {
    supervisor.stop();
    return server.stop();
  };
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'creatorsync'`);
      if (!rowCount) await admin.query('CREATE DATABASE creatorsync');
    } finally {
      await admin.end();
    }
    const url = server.urlFor('creatorsync');
    const applied = await runMigrations(url);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL ready');
    return { url, embedded: true, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachableError(url, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
