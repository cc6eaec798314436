import type { ArgumentsHost } from '@nestjs/common';
import { EventStoreUnavailableError } from '../event-store/errors.js';
import { silentLogger } from '../logging/logger.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/** What the filter sent: status, headers and the problem-details body. */
function answer(exception: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: '' };
  const reply = {
    status: (s: number) => ((sent.status = s), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    removeHeader: () => reply,
    type: () => reply,
    send: (body: string) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ method: 'GET', originalUrl: '/api/analytics/overview' }),
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(silentLogger).catch(exception, host);
  return { ...sent, problem: JSON.parse(sent.body) as { status: number; detail: string } };
}

describe('ProblemDetailsFilter', () => {
  it('answers an unavailable event log with 503 and Retry-After, not a 500', () => {
    const sent = answer(new EventStoreUnavailableError('read $all timed out', 2.5));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('3');
    expect(sent.problem.detail).toMatch(/event log is unavailable/);
  });

  it('keeps an unexpected error a plain 500', () => {
    expect(answer(new Error('boom')).status).toBe(500);
  });
});
