/**
 * DATA_DIR holds the embedded PostgreSQL cluster, the local auth keys and the token key: it is
 * created if missing and must be a writable folder. Checked once at start so that a wrong value is
 * named in one sentence, before any part fails on it with a raw file-system error.
 */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StartupProblem } from './startup-problem.js';

export async function prepareDataDir(dataDir: string): Promise<void> {
  const absolute = path.resolve(dataDir);
  const unusable = (why: string) =>
    new StartupProblem(
      `DATA_DIR (${absolute}) is not usable: ${why}. Set DATA_DIR to a folder this process can write.`,
    );
  try {
    await mkdir(absolute, { recursive: true });
  } catch (error) {
    throw unusable(describe(error));
  }
  const info = await stat(absolute).catch((error: unknown) => {
    throw unusable(describe(error));
  });
  if (!info.isDirectory()) throw unusable('it is not a folder');
  await access(absolute, constants.W_OK | constants.X_OK).catch(() => {
    throw unusable('this process may not write in it');
  });
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where the folder (or one above it) should be';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  return (error as Error).message;
}
