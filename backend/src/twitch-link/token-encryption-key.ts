/**
 * The key that encrypts Twitch tokens at rest: TOKEN_ENCRYPTION_KEY when configured; otherwise
 * (the embedded default) a random key generated on first start and kept under DATA_DIR, readable
 * by this user only, so tokens stored on one start still decrypt on the next.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TOKEN_KEY_BYTES } from './token-cipher.js';

export const tokenKeyFile = (dataDir: string) => path.resolve(dataDir, 'secrets', 'token-encryption.key');

export async function loadOrCreateTokenEncryptionKey(dataDir: string): Promise<Buffer> {
  const file = tokenKeyFile(dataDir);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, `${randomBytes(TOKEN_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      (error: unknown) => {
        // Two processes starting at once: keep the key the other one wrote.
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      },
    );
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== TOKEN_KEY_BYTES) {
    throw new Error(
      `${file} does not hold a ${TOKEN_KEY_BYTES}-byte base64 key: restore it, or set TOKEN_ENCRYPTION_KEY`,
    );
  }
  return key;
}
