/**
 * Where a request's consistency token comes from: the `X-Consistency-Token` header or the
 * `consistencyToken` query parameter. The parameter is cross-cutting, not one of the endpoint's
 * own, so this middleware lifts it off the URL before routing (the endpoint's validation then
 * sees only its own parameters) and leaves it on the request for the read-model guard.
 */
import type { NextFunction, Request, Response } from 'express';

export const CONSISTENCY_TOKEN_PARAM = 'consistencyToken';
export const CONSISTENCY_TOKEN_HEADER = 'x-consistency-token';

export interface ConsistencyTokenInput {
  /** Every value given, header first (more than one is a client error). */
  values: string[];
  fromQuery: boolean;
}

const INPUT = Symbol('consistency-token-input');
type WithInput = Request & { [INPUT]?: ConsistencyTokenInput };

export function liftConsistencyToken(req: Request, _res: Response, next: NextFunction): void {
  const values: string[] = [];
  const header = req.headers[CONSISTENCY_TOKEN_HEADER];
  if (header !== undefined) values.push(...(Array.isArray(header) ? header : [header]));
  let fromQuery = false;
  const queryStart = req.url.indexOf('?');
  if (queryStart >= 0 && req.url.includes(CONSISTENCY_TOKEN_PARAM, queryStart)) {
    const params = new URLSearchParams(req.url.slice(queryStart + 1));
    const fromUrl = params.getAll(CONSISTENCY_TOKEN_PARAM);
    if (fromUrl.length > 0) {
      fromQuery = true;
      values.push(...fromUrl);
      params.delete(CONSISTENCY_TOKEN_PARAM);
      const rest = params.toString();
      req.url = req.url.slice(0, queryStart) + (rest ? `?${rest}` : '');
    }
  }
  if (values.length > 0) (req as WithInput)[INPUT] = { values, fromQuery };
  next();
}

export function consistencyTokenInput(req: unknown): ConsistencyTokenInput | undefined {
  return (req as WithInput)[INPUT];
}
