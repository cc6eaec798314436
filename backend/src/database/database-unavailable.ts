/**
 * Whether an error means "the database cannot be reached right now" (refused, dropped, shutting
 * down, starting up, restarting) rather than a fault in a query. Such errors become 503 with
 * Retry-After for the client, never 500: the request was fine, and will work once PostgreSQL is back.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const DROPPED = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: errors from Node's own modules may come from another realm (Jest's VM).
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code)) return true;
      // SQLSTATE 08xxx: connection exceptions; 57P01-03: admin/crash shutdown, cannot connect now.
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code)) return true;
    }
    const { message } = e as { message?: unknown };
    if (typeof message === 'string' && DROPPED.some((pattern) => pattern.test(message))) return true;
    const aggregate = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(aggregate) && aggregate.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
