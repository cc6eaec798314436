/**
 * The one place errors become HTTP answers: RFC 9457 problem details. Known client errors keep
 * their message; anything unexpected is logged with its stack and answered with a plain 500, so
 * no stack trace or internal detail ever reaches a client. The read-model guard's NotModified is
 * the one non-error: a 304 without a body.
 */
import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { NotModified } from './read-model.guard.js';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    if (exception instanceof NotModified) {
      response.status(304).end();
      return;
    }
    // An error is never revalidated as if it were data (the read-model guard tags before the query runs).
    response.removeHeader('ETag');
    const { status, detail, headers } = this.describe(exception);
    if (status >= 500) this.logger.error({ err: exception, method: request.method, url: request.originalUrl }, 'request failed');
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status, detail, instance: request.originalUrl });
  }

  private describe(exception: unknown): { status: number; detail: string; headers: Record<string, string> } {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      const detail = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
      const headers = (exception as { headers?: Record<string, string> }).headers ?? {};
      return { status: exception.getStatus(), detail, headers };
    }
    const bodyError = exception as { type?: string; status?: number };
    if (bodyError?.type === 'entity.parse.failed') return { status: 400, detail: 'Request body is not valid JSON', headers: {} };
    if (bodyError?.type === 'entity.too.large') return { status: 413, detail: 'Request body is too large', headers: {} };
    return { status: 500, detail: 'Internal error: the server logged the details', headers: {} };
  }
}
