/**
 * Runs the built CLI (backend/dist/cli/main.js, which `npm test` builds first) as a real process
 * with only PATH and the given environment, and collects its exit code and output. A process that
 * outlives the suite's condition deadline is killed, so a hung command fails its test instead of
 * the run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONDITION_DEADLINE_MS } from './deadlines.js';

export const cliMain = path.resolve('backend/dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function assertCliBuilt(): void {
  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: run \`npm run build\` first (npm test does)`);
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), CONDITION_DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}
