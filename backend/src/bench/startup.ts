/**
 * `npm run bench -- startup [--rounds 3] [--days 90]`: how long a new user waits.
 * - the CLI: `--help` and `token demo` (the built CLI run as `npm run cli` runs it; the medians of
 *   --rounds runs each);
 * - the server on the embedded default, from a fresh DATA_DIR: the time until /health answers 200,
 *   then the time until the complete demo history is recorded (the server logs "demo data ready")
 *   and every projection has processed it (/api/analytics/health: all live, no lag).
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from './bench-options.js';
import { must } from '../must.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(dist, 'cli', 'main.js');
const server = path.join(dist, 'main.js');

export default async function run(args: string[]): Promise<void> {
  const { values } = parseBenchOptions('startup', args, {
    rounds: { default: 3, min: 1, max: 20 },
    days: { default: 90, min: 0, max: 730 },
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-bench-startup-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as the postgres user when started as root
  try {
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    // The first token also creates the local signing keys; the figures are for later runs.
    await timeCommand([cli, 'token', 'demo'], env);
    const help: number[] = [];
    const token: number[] = [];
    for (let round = 1; round <= values.rounds; round++) {
      help.push(await timeCommand([cli, '--help'], env));
      token.push(await timeCommand([cli, 'token', 'demo'], env));
      process.stdout.write(
        `round ${round}: cli --help ${ms(must(help.at(-1), 'help.at(-1)'))}, token demo ${ms(must(token.at(-1), 'token.at(-1)'))}\n`,
      );
    }
    const start = await timeServerStart(dataDir, values.days);
    process.stdout.write(
      `startup: cli --help ${ms(median(help))}, token demo ${ms(median(token))} (medians of ${values.rounds}); ` +
        `server /health after ${seconds(start.healthMs)}; complete demo data (${values.days} days) ` +
        `${seconds(start.demoMs)} after /health\n`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function timeCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${argv.slice(1).join(' ')} exited ${code}: ${stderr}`)),
    );
  });
}

async function timeServerStart(dataDir: string, days: number): Promise<{ healthMs: number; demoMs: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [server], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO_HISTORY_DAYS: String(days), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let demoReady = false;
  let exited = false;
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = must(lines.pop(), 'lines.pop()');
    if (lines.some((line) => line.includes('"demo data ready"'))) demoReady = true;
  });
  child.on('exit', () => (exited = true));
  try {
    await until(
      () => get(`${url}/health`).then((r) => r?.ok === true),
      () => exited,
    );
    const healthAt = performance.now();
    await until(
      async () =>
        demoReady &&
        (await get(`${url}/api/analytics/health`).then(async (r) => {
          if (!r?.ok) return false;
          const { projections } = (await r.json()) as { projections: Array<{ lagEvents: number; state: string }> };
          return projections.length > 0 && projections.every((p) => p.state === 'live' && p.lagEvents === 0);
        })),
      () => exited,
    );
    return { healthMs: healthAt - started, demoMs: performance.now() - healthAt };
  } finally {
    const gone = new Promise((resolve) => (exited ? resolve(undefined) : child.on('exit', resolve)));
    child.kill('SIGINT');
    await gone;
  }
}

async function until(condition: () => Promise<boolean>, failed: () => boolean): Promise<void> {
  while (!(await condition())) {
    if (failed()) throw new Error('the server exited before it was ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const get = (url: string) => fetch(url).catch(() => undefined);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const median = (values: readonly number[]) =>
  must(
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)],
    '[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]',
  );
const ms = (value: number) => `${Math.round(value)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
