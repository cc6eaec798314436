/**
 * A replay's worker threads load the projections from the files on disk, which may have changed
 * since the process that starts them loaded its own (an `npm run build` beside a running server).
 * Each worker proves it runs the same code: version and code fingerprint of every projection it
 * replays must be the ones the starting process sent; otherwise the replay stops, so a build is
 * never labelled with one code and computed with another.
 */
import type { Projection } from '@creatorsync/projections';
import { codeFingerprint } from '../code-fingerprint.js';

export interface ExpectedCode {
  projection: string;
  version: number;
  fingerprint: string;
}

export class ReplayCodeMismatchError extends Error {
  readonly codeMismatch = true;
  constructor(message: string) {
    super(message);
    this.name = 'ReplayCodeMismatchError';
  }
}

/** Throws ReplayCodeMismatchError when `loaded` is not the code the starting process runs. */
export function assertSameCode(loaded: Projection, expected: ExpectedCode): void {
  const fingerprint = codeFingerprint(loaded);
  if (loaded.version === expected.version && fingerprint === expected.fingerprint) return;
  throw new ReplayCodeMismatchError(
    `a replay worker thread loaded other code for ${expected.projection} (version ${loaded.version}, fingerprint ${fingerprint}) ` +
      `than the process that started it runs (version ${expected.version}, fingerprint ${expected.fingerprint}): ` +
      `the files on disk changed since that process started (rebuilt?); the replay stops. Restart the process to run the code on disk`,
  );
}
