/**
 * Issues local session tokens shaped like Clerk's (RS256, sub, azp, iat/nbf/exp, sid) for the
 * embedded default, the CLI's `token` command and tests.
 */
import { signJwt } from '@clerk/backend/jwt';
import { randomUUID } from 'node:crypto';
import type { LocalAuthKeys } from './local-auth-keys.js';

/** The authorized party local tokens carry and the local verifier accepts. */
export const LOCAL_AUTHORIZED_PARTY = 'creatorsync-local';

export interface LocalTokenOptions {
  ttlSeconds?: number;
  admin?: boolean;
  now?: Date;
  /** For tests of the verifier: a token that is not yet valid, or signed for another party. */
  notBeforeOffsetSeconds?: number;
  authorizedParty?: string;
}

export async function issueLocalToken(
  keys: LocalAuthKeys,
  userId: string,
  options: LocalTokenOptions = {},
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = now + (options.ttlSeconds ?? 12 * 3600);
  const payload: Record<string, unknown> = {
    sub: userId,
    sid: `sess_local_${randomUUID()}`,
    iss: 'creatorsync-local',
    azp: options.authorizedParty ?? LOCAL_AUTHORIZED_PARTY,
    iat: now,
    nbf: now - 5 + (options.notBeforeOffsetSeconds ?? 0),
    exp,
  };
  if (options.admin) payload.role = 'admin';
  const token = await signJwt(payload, keys.privateKeyPem, {
    algorithm: 'RS256',
    header: { typ: 'JWT', kid: 'creatorsync-local' },
  });
  return { token, expiresAt: new Date(exp * 1000) };
}
