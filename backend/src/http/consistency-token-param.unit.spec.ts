import type { NextFunction, Request, Response } from 'express';
import { consistencyTokenInput, liftConsistencyToken } from './consistency-token-param.js';

function lift(url: string, headers: Record<string, string> = {}) {
  const req = { url, headers } as unknown as Request;
  let called = false;
  liftConsistencyToken(req, {} as Response, (() => (called = true)) as NextFunction);
  expect(called).toBe(true);
  return { url: req.url, input: consistencyTokenInput(req) };
}

describe('liftConsistencyToken', () => {
  it('takes the parameter off the URL, keeping the endpoint\'s own parameters', () => {
    expect(lift('/api/analytics/charts?days=90&consistencyToken=job-1.10-2&channel=7')).toEqual({
      url: '/api/analytics/charts?days=90&channel=7',
      input: { values: ['job-1.10-2'], fromQuery: true },
    });
    expect(lift('/api/analytics/overview?consistencyToken=job-1.10-2')).toEqual({ url: '/api/analytics/overview', input: { values: ['job-1.10-2'], fromQuery: true } });
  });

  it('reads the header, and keeps every value given so that two are refused', () => {
    expect(lift('/api/analytics/overview', { 'x-consistency-token': 'a.1-1' }).input).toEqual({ values: ['a.1-1'], fromQuery: false });
    expect(lift('/api/analytics/overview?consistencyToken=b.1-1', { 'x-consistency-token': 'a.1-1' }).input?.values).toEqual(['a.1-1', 'b.1-1']);
  });

  it('leaves requests without a token as they are', () => {
    expect(lift('/api/analytics/charts?days=90')).toEqual({ url: '/api/analytics/charts?days=90', input: undefined });
    expect(lift('/api/analytics/charts?note=consistencyToken')).toEqual({ url: '/api/analytics/charts?note=consistencyToken', input: undefined });
  });
});
