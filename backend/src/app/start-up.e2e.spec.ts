/**
 * `npm start`'s entry point as a real process (the built backend/dist/main.js, which `npm test`
 * builds first): bad configuration stops it at once with a message naming the variable; an
 * unreachable database is one clear line, not a stack trace or a restart loop.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const main = path.resolve('backend/dist/main.js');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
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
    const { code, output } = await run({ DATABASE_URL: 'postgres://user:secret@no-such-host.invalid:5432/db', LOG_LEVEL: 'info' });
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach the database at postgres://***@no-such-host.invalid:5432/db');
    expect(output).toContain('Check DATABASE_URL');
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/\\n\s+at /);
  });
});
