/**
 * `db [--psql]`: the connection URL of the database in use — DATABASE_URL, or the embedded
 * PostgreSQL under DATA_DIR (its port and generated password are kept in DATA_DIR/postgres.json;
 * the user is `postgres`, the database `creatorsync`) — for psql or any SQL client, to explore the
 * event log (`events`) and the read tables. `--psql` opens psql on it instead (when installed).
 * The URL carries the password: it goes to stdout only, never to a log.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppConfig } from '../config/app-config.js';

export function registerDbCommand(program: Command, config: () => Promise<AppConfig>): void {
  program
    .command('db')
    .description('print the connection URL of the database in use (the embedded one under DATA_DIR by default)')
    .option('--psql', 'open psql on it (needs psql installed)')
    .action(async (options: { psql?: boolean }) => {
      const cfg = await config();
      let url: string;
      try {
        url = cfg.databaseUrl ?? (await embeddedUrl(cfg.dataDir));
      } catch (error) {
        process.stderr.write(`error: ${(error as Error).message}\n`);
        process.exit(1);
      }
      if (!options.psql) {
        process.stdout.write(`${url}\n`);
        return;
      }
      const psql = spawn('psql', [url], { stdio: 'inherit' });
      psql.on('error', (error) => {
        process.stderr.write(`error: cannot run psql (${error.message}); connect with: npm run -s cli -- db\n`);
        process.exit(1);
      });
      psql.on('exit', (code) => process.exit(code ?? 1));
    });
}

/** The running embedded cluster's URL; when none runs, the one it will have (the server or a CLI command starts it). */
async function embeddedUrl(dataDir: string): Promise<string> {
  const { findRunningCluster } = await import('./projections-database.js');
  const { isClusterSettings } = await import('../database/embedded-postgres.js');
  const running = await findRunningCluster(dataDir);
  if (running) return running.url;
  const settingsFile = path.resolve(dataDir, 'postgres.json');
  let settings: unknown;
  try {
    settings = JSON.parse(await readFile(settingsFile, 'utf8'));
  } catch {
    throw new Error(`No embedded PostgreSQL under ${dataDir} yet: start the server once (npm start)`);
  }
  if (!isClusterSettings(settings)) throw new Error(`${settingsFile} has no port and password`);
  process.stderr.write(
    `note: the embedded PostgreSQL under ${dataDir} is not running; start the server (npm start) to connect\n`,
  );
  return `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/creatorsync`;
}
