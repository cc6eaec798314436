/**
 * `npm start` as a real process for end-to-end tests: the built backend/dist/main.js (which
 * `npm test` builds first) with only PATH and the given environment, optionally with a role
 * (`--role api|projector`). It resolves once the process logs that it is up, with the URL it
 * listens on (none for the projector role); `stop()` sends SIGTERM and waits for the exit code.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONDITION_DEADLINE_MS } from './deadlines.js';

export const serverMain = path.resolve('backend/dist/main.js');

export interface SpawnedServer {
  pid: number;
  /** The HTTP base URL; undefined for `--role projector`. */
  url?: string;
  /** Everything it wrote so far (JSON log lines). */
  output(): string;
  stop(): Promise<number | null>;
}

const UP = /is up/;

export async function spawnServer(env: Record<string, string>, args: string[] = []): Promise<SpawnedServer> {
  if (!existsSync(serverMain)) throw new Error(`${serverMain} is missing: run \`npm run build:server\` first`);
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [serverMain, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      resolve(code);
    });
  });
  const up = new Promise<string | undefined>((resolve, reject) => {
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${serverMain} ${args.join(' ')} did not come up:\n${output}`));
    }, CONDITION_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      const before = output.length;
      output += chunk.toString();
      for (const line of output.slice(Math.max(0, output.lastIndexOf('\n', before))).split('\n')) {
        if (!UP.test(line)) continue;
        clearTimeout(killer);
        resolve(urlOf(line));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(killer);
      reject(new Error(`${serverMain} ${args.join(' ')} exited with ${String(code)} before it was up:\n${output}`));
    });
  });
  const url = await up;
  return {
    pid: child.pid ?? -1,
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), CONDITION_DEADLINE_MS);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

function urlOf(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { url?: unknown };
    return typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}
