/**
 * `npm start`'s entry point as a real process (the built backend/dist/main.js, which `npm test`
 * builds first): bad configuration stops it at once with a message naming the variable; an
 * unreachable database is one clear line, not a stack trace or a restart loop.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONDITION_DEADLINE_MS } from '../testing/deadlines.js';
import { waitFor } from '../testing/wait-for.js';

const main = path.resolve('backend/dist/main.js');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), CONDITION_DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}

describe('start-up with bad configuration', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  });

  it('a malformed PORT stops with a message naming it', async () => {
    const { code, output } = await run({ PORT: 'eighty' });
    expect(code).toBe(2);
    expect(output).toContain('PORT: expected a port number (got "eighty")');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a DATABASE_URL host that does not resolve is one clear error', async () => {
    const { code, output } = await run({
      DATABASE_URL: 'postgres://user:secret@no-such-host.invalid:5432/db',
      LOG_LEVEL: 'info',
    });
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach the database at postgres://***@no-such-host.invalid:5432/db');
    expect(output).toContain('Check DATABASE_URL');
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/\\n\s+at /);
  });

  it('an unusable DATA_DIR is named in one line, not a stack trace', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'creatorsync-datadir-'));
    try {
      const file = path.join(folder, 'a-file');
      await writeFile(file, 'not a folder');
      for (const dataDir of [file, path.join(file, 'below')]) {
        const { code, output } = await run({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
        expect(code).toBe(1);
        expect(output).toContain(`DATA_DIR (${dataDir}) is not usable`);
        expect(output).not.toMatch(/\n\s+at /);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('unreadable TLS files are named in one line', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-tls-'));
    const { code, output } = await run({
      DATA_DIR: dataDir,
      TLS_CERT_FILE: '/no/such/cert.pem',
      TLS_KEY_FILE: '/no/such/key.pem',
      LOG_LEVEL: 'info',
    }).finally(() => rm(dataDir, { recursive: true, force: true }));
    expect(code).toBe(1);
    expect(output).toContain('TLS_CERT_FILE (/no/such/cert.pem) cannot be read');
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('embedded default across restarts', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-restart-'));
    await chmod(dataDir, 0o755); // PostgreSQL runs as the postgres user when the tests run as root
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** Starts the server, waits for /health, returns the process and its port. */
  async function startServer(port: number) {
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO_HISTORY_DAYS: '2',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    try {
      await waitFor(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          ),
        `the server on port ${port} to answer /health`,
        { pollMs: 100 },
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return child;
  }

  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  it('after a SIGKILL the next start takes over the data; Ctrl-C stops PostgreSQL with the server', async () => {
    const first = await startServer(18731);
    const gone = exited(first);
    first.kill('SIGKILL');
    await gone;
    const second = await startServer(18732);
    const health: unknown = await (await fetch('http://127.0.0.1:18732/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: 'up' });
    const stopped = exited(second);
    second.kill('SIGINT');
    expect(await stopped).toBe(0);
    // Ctrl-C stops PostgreSQL too: its lock file is gone.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
