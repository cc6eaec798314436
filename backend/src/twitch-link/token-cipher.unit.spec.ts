import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret, tokenKeyId, TokenDecryptionError, TokenKeyMismatchError } from './token-cipher.js';

describe('token cipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const secret = JSON.stringify({ accessToken: 'abc123access', refreshToken: 'def456refresh' });

  it('round-trips, and the ciphertext does not contain the plaintext', () => {
    const sealed = sealSecret(key, secret, 'row-1');
    expect(sealed.ciphertext.toString('utf8')).not.toContain('abc123access');
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(openSecret(key, sealed, 'row-1', 'tokens')).toBe(secret);
  });

  it('draws a fresh nonce for every write', () => {
    const a = sealSecret(key, secret, 'row-1');
    const b = sealSecret(key, secret, 'row-1');
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('names the key that sealed it, and refuses another key with both key ids in the message', () => {
    const other = randomBytes(32);
    const sealed = sealSecret(key, secret, 'row-1');
    expect(sealed.keyId).toBe(tokenKeyId(key));
    expect(sealed.keyId).not.toContain(key.toString('hex').slice(0, 16));
    expect(() => openSecret(other, sealed, 'row-1', 'The tokens of 42')).toThrow(TokenKeyMismatchError);
    expect(() => openSecret(other, sealed, 'row-1', 'The tokens of 42')).toThrow(
      `The tokens of 42 was encrypted with key ${tokenKeyId(key)}, but the configured TOKEN_ENCRYPTION_KEY is ${tokenKeyId(other)}`,
    );
  });

  it('rejects an altered ciphertext, a wrong tag, and a ciphertext moved to another row', () => {
    const sealed = sealSecret(key, secret, 'row-1');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    expect(() => openSecret(key, { ...sealed, ciphertext: flipped }, 'row-1', 'tokens')).toThrow(TokenDecryptionError);
    expect(() => openSecret(key, { ...sealed, authTag: randomBytes(16) }, 'row-1', 'tokens')).toThrow(
      TokenDecryptionError,
    );
    expect(() => openSecret(key, { ...sealed, authTag: sealed.authTag.subarray(0, 8) }, 'row-1', 'tokens')).toThrow(
      TokenDecryptionError,
    );
    expect(() => openSecret(key, sealed, 'row-2', 'tokens')).toThrow(TokenDecryptionError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => sealSecret(randomBytes(16), secret, 'row-1')).toThrow(/32 bytes, this one has 16/);
  });
});
