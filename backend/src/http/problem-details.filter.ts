/**
 * The one place errors become HTTP answers: RFC 9457 problem details. Known client errors keep
 * their message; anything unexpected is logged with its stack and answered with a plain 500, so
 * no stack trace or internal detail ever reaches a client. The read-model guard's NotModified is
 * the one non-error: a 304 without a body. An unavailable event log is a 503 with Retry-After.
 */
import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventStoreUnavailableError } from '../event-store/errors.js';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import type { Logger } from '../logging/logger.js';
import { loggableUrl } from './loggable-url.js';
import { NotModified } from './read-model.guard.js';

/** What a client is told to wait while the database is away (a restart takes a few seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (exception instanceof NotModified) {
      reply.status(304).send();
      return;
    }
    // An error is never revalidated as if it were data (the read-model guard tags before the query runs).
    reply.removeHeader('ETag');
    const { status, detail, headers } = this.describe(exception);
    if (isDatabaseUnavailable(exception) || exception instanceof EventStoreUnavailableError)
      this.logger.warn(
        { method: request.method, url: loggableUrl(request.originalUrl), reason: (exception as Error).message },
        'database or event log unreachable: answered 503',
      );
    else if (status >= 500)
      this.logger.error(
        { err: exception, method: request.method, url: loggableUrl(request.originalUrl) },
        'request failed',
      );
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    const title = HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error';
    reply
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', title, status, detail, instance: request.originalUrl }));
  }

  private describe(exception: unknown): { status: number; detail: string; headers: Record<string, string> } {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      const detail = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
      const headers = (exception as { headers?: Record<string, string> }).headers ?? {};
      return { status: exception.getStatus(), detail, headers };
    }
    // The event log could not answer completely in time: say so and when to retry, never a stale answer.
    if (exception instanceof EventStoreUnavailableError) {
      return {
        status: 503,
        detail: 'The event log is unavailable right now; try again shortly',
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(exception.retryAfterSeconds))) },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        detail: 'The database is unreachable at the moment; the server reconnects by itself. Try again shortly.',
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      };
    }
    // Fastify's own refusals before any route runs (a body too large, say): a 4xx whose message is
    // written for the client.
    const refusal = exception as { statusCode?: unknown; message?: unknown } | undefined;
    if (
      typeof refusal?.statusCode === 'number' &&
      refusal.statusCode >= 400 &&
      refusal.statusCode < 500 &&
      typeof refusal.message === 'string'
    ) {
      return { status: refusal.statusCode, detail: refusal.message, headers: {} };
    }
    return { status: 500, detail: 'Internal error: the server logged the details', headers: {} };
  }
}
