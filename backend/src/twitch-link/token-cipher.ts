/**
 * AES-256-GCM for Twitch tokens at rest. Every write draws a fresh random 96-bit nonce (GCM's
 * security rests on never reusing one under a key), the authentication tag is checked on every
 * read, and the ciphertext is bound to its row (additional authenticated data), so a ciphertext
 * copied onto another broadcaster's row does not decrypt. Each ciphertext names the key that made
 * it (a fingerprint, never the key), so a wrong key gives a clear error rather than garbage.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const TOKEN_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedSecret {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

/** The key's public name: a hash prefix that identifies it without revealing anything usable. */
export function tokenKeyId(key: Buffer): string {
  assertKey(key);
  return `k1-${createHash('sha256').update('creatorsync token key id\0').update(key).digest('hex').slice(0, 16)}`;
}

export class TokenKeyMismatchError extends Error {
  constructor(
    readonly what: string,
    readonly storedKeyId: string,
    readonly configuredKeyId: string,
  ) {
    super(
      `${what} was encrypted with key ${storedKeyId}, but the configured TOKEN_ENCRYPTION_KEY is ${configuredKeyId}: ` +
        'set the key it was written with, or have the user reconnect Twitch',
    );
    this.name = 'TokenKeyMismatchError';
  }
}

export class TokenDecryptionError extends Error {
  constructor(readonly what: string) {
    super(`${what} failed its integrity check (altered, or moved from another row): have the user reconnect Twitch`);
    this.name = 'TokenDecryptionError';
  }
}

export function sealSecret(key: Buffer, plaintext: string, boundTo: string): SealedSecret {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: tokenKeyId(key), nonce, ciphertext, authTag: cipher.getAuthTag() };
}

/** `what` names the secret in error messages ("Twitch tokens of broadcaster 123"). */
export function openSecret(key: Buffer, sealed: SealedSecret, boundTo: string, what: string): string {
  const keyId = tokenKeyId(key);
  if (sealed.keyId !== keyId) throw new TokenKeyMismatchError(what, sealed.keyId, keyId);
  if (sealed.nonce.length !== NONCE_BYTES || sealed.authTag.length !== TAG_BYTES) throw new TokenDecryptionError(what);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(sealed.authTag);
  try {
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptionError(what);
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== TOKEN_KEY_BYTES)
    throw new Error(`a token encryption key has ${TOKEN_KEY_BYTES} bytes, this one has ${key.length}`);
}
