/**
 * The signed-in session, kept in localStorage so it survives reloads and new tabs.
 * Local mode and (later) Clerk both end up here as a bearer token with an expiry.
 */

const STORAGE_KEY = 'creatorsync.session';

export interface Session {
  token: string;
  /** ISO timestamp; the session counts as signed out from then on. */
  expiresAt: string;
  userId: string;
  /** Signed in with the admin role (the /admin console); absent in sessions saved before it existed. */
  admin?: boolean;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'string' && typeof v.userId === 'string';
}

/** The current session, or null when signed out or expired (`now` is injectable for tests). */
export function getSession(now: number = Date.now()): Session | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!isSession(parsed)) return null;
  const expires = Date.parse(parsed.expiresAt);
  if (Number.isFinite(expires) && expires <= now) {
    clearSession();
    return null;
  }
  return parsed;
}

export function saveSession(session: Session): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
}
