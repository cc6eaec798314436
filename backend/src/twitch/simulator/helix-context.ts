/** What a simulated Helix route sees: the parsed query, the caller's token, the world and its time. */
import type { HelixQuery } from './helix-query.js';
import type { SimFaults } from './sim-faults.js';
import type { IssuedToken } from './sim-tokens.js';
import type { SimWorld } from './sim-world.js';

export interface HelixContext {
  endpoint: string;
  query: HelixQuery;
  token: IssuedToken;
  nowMs: number;
  world: SimWorld;
  faults: SimFaults;
  /** Helix returns about 1,000 clips at most across all pages of one query. */
  clipResultCap: number;
  /** Base URL of the simulator's own image server. */
  mediaBaseUrl: string;
}

export interface HelixReply {
  status: number;
  body: unknown;
}

export type HelixRoute = (context: HelixContext) => HelixReply;

export const ok = (body: unknown): HelixReply => ({ status: 200, body });

export function helixError(status: number, message: string): HelixReply {
  const error =
    { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ??
    'Error';
  return { status, body: { error, status, message } };
}
