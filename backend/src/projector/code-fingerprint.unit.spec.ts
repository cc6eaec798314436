import { allProjections, streamSessions } from '@creatorsync/projections';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { codeFingerprint } from './code-fingerprint.js';

describe('code fingerprint', () => {
  it('is the same for the sources Jest runs and the compiled files a worker thread loads (dist/ built from them)', () => {
    const script = `
      const { allProjections } = await import(${JSON.stringify(fileURLToPath(new URL('../../../projections/dist/index.js', import.meta.url)))});
      const { codeFingerprint } = await import(${JSON.stringify(fileURLToPath(new URL('../../dist/projector/code-fingerprint.js', import.meta.url)))});
      process.stdout.write(JSON.stringify(Object.fromEntries(allProjections.map((p) => [p.name, codeFingerprint(p)]))));`;
    const compiled: unknown = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    );
    expect(Object.fromEntries(allProjections.map((p) => [p.name, codeFingerprint(p)]))).toEqual(compiled);
  });

  it('tells projections apart, and a changed function or version from the original', () => {
    const fingerprints = new Set(allProjections.map(codeFingerprint));
    expect(fingerprints.size).toBe(allProjections.length);
    expect(codeFingerprint({ ...streamSessions, version: streamSessions.version + 1 })).not.toBe(
      codeFingerprint(streamSessions),
    );
    expect(codeFingerprint({ ...streamSessions, apply: () => undefined })).not.toBe(codeFingerprint(streamSessions));
    expect(codeFingerprint({ ...streamSessions })).toBe(codeFingerprint(streamSessions));
  });

  it('follows the modules a projection imports for code', () => {
    expect(streamSessions.module).toMatch(/stream-sessions\.projection\.ts$/);
    expect(codeFingerprint({ ...streamSessions, module: undefined })).not.toBe(codeFingerprint(streamSessions));
  });
});
