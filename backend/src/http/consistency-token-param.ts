/**
 * Where a request's consistency token comes from: the `X-Consistency-Token` header or the
 * `consistencyToken` query parameter. The parameter is cross-cutting, not one of the endpoint's
 * own, so it is lifted off the URL before routing (Fastify's `rewriteUrl`; the endpoint's
 * validation then sees only its own parameters) and kept on the request for the read-model guard.
 */
import type { IncomingMessage } from 'node:http';

export const CONSISTENCY_TOKEN_PARAM = 'consistencyToken';
export const CONSISTENCY_TOKEN_HEADER = 'x-consistency-token';

export interface ConsistencyTokenInput {
  /** Every value given, header first (more than one is a client error). */
  values: string[];
  fromQuery: boolean;
}

const INPUT = Symbol('consistency-token-input');
type WithInput = IncomingMessage & { [INPUT]?: ConsistencyTokenInput };

/** The URL to route `req` by: the API's URLs without the token parameter, which is kept on `req`. */
export function liftConsistencyToken(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (!url.startsWith('/api/')) return url;
  const values: string[] = [];
  const header = req.headers[CONSISTENCY_TOKEN_HEADER];
  if (header !== undefined) values.push(...(Array.isArray(header) ? header : [header]));
  let fromQuery = false;
  let routed = url;
  const queryStart = url.indexOf('?');
  if (queryStart >= 0 && url.includes(CONSISTENCY_TOKEN_PARAM, queryStart)) {
    const params = new URLSearchParams(url.slice(queryStart + 1));
    const fromUrl = params.getAll(CONSISTENCY_TOKEN_PARAM);
    if (fromUrl.length > 0) {
      fromQuery = true;
      values.push(...fromUrl);
      params.delete(CONSISTENCY_TOKEN_PARAM);
      const rest = params.toString();
      routed = url.slice(0, queryStart) + (rest ? `?${rest}` : '');
    }
  }
  if (values.length > 0) (req as WithInput)[INPUT] = { values, fromQuery };
  return routed;
}

/** The token given with a request (Fastify's request, or the Node request under it). */
export function consistencyTokenInput(
  request: { raw?: IncomingMessage } | IncomingMessage,
): ConsistencyTokenInput | undefined {
  const raw = ('raw' in request && request.raw ? request.raw : request) as WithInput;
  return raw[INPUT];
}
