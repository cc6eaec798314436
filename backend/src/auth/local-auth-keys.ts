/**
 * The embedded default's signing key: an RSA key pair generated on first start and kept under
 * DATA_DIR, so local tokens are verified by the same Clerk verifier (`verifyToken` with a JWT key)
 * that checks real Clerk session tokens in production.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalAuthKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function loadOrCreateLocalAuthKeys(dataDir: string): Promise<LocalAuthKeys> {
  const file = path.resolve(dataDir, 'auth', 'local-jwt-keys.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalAuthKeys;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keys = { privateKeyPem: privateKey, publicKeyPem: publicKey };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
    // Two processes starting at once: keep the key the other one wrote.
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as LocalAuthKeys;
}
