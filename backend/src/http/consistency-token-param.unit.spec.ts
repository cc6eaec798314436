import type { IncomingMessage } from 'node:http';
import { consistencyTokenInput, liftConsistencyToken } from './consistency-token-param.js';

function lift(url: string, headers: Record<string, string> = {}) {
  const req = { url, headers } as unknown as IncomingMessage;
  const routed = liftConsistencyToken(req);
  return { url: routed, input: consistencyTokenInput(req) };
}

describe('liftConsistencyToken', () => {
  it("takes the parameter off the URL, keeping the endpoint's own parameters", () => {
    expect(lift('/api/analytics/charts?days=90&consistencyToken=job-1.10-2&channel=7')).toEqual({
      url: '/api/analytics/charts?days=90&channel=7',
      input: { values: ['job-1.10-2'], fromQuery: true },
    });
    expect(lift('/api/analytics/overview?consistencyToken=job-1.10-2')).toEqual({
      url: '/api/analytics/overview',
      input: { values: ['job-1.10-2'], fromQuery: true },
    });
  });

  it('reads the header, and keeps every value given so that two are refused', () => {
    expect(lift('/api/analytics/overview', { 'x-consistency-token': 'a.1-1' }).input).toEqual({
      values: ['a.1-1'],
      fromQuery: false,
    });
    expect(
      lift('/api/analytics/overview?consistencyToken=b.1-1', { 'x-consistency-token': 'a.1-1' }).input?.values,
    ).toEqual(['a.1-1', 'b.1-1']);
  });

  it('leaves requests without a token as they are', () => {
    expect(lift('/api/analytics/charts?days=90')).toEqual({ url: '/api/analytics/charts?days=90', input: undefined });
    expect(lift('/api/analytics/charts?note=consistencyToken')).toEqual({
      url: '/api/analytics/charts?note=consistencyToken',
      input: undefined,
    });
  });

  it("leaves the dashboard's own URLs alone", () => {
    expect(lift('/sign-in?consistencyToken=a.1-1')).toEqual({
      url: '/sign-in?consistencyToken=a.1-1',
      input: undefined,
    });
  });

  it("finds the token from Fastify's request too", () => {
    const raw = {
      url: '/api/analytics/overview',
      headers: { 'x-consistency-token': 'a.1-1' },
    } as unknown as IncomingMessage;
    liftConsistencyToken(raw);
    expect(consistencyTokenInput({ raw })).toEqual({ values: ['a.1-1'], fromQuery: false });
  });
});
