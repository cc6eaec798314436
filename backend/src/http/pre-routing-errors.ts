/**
 * Fastify's own refusals, which happen before any route (and so before Nest's exception filter)
 * runs, answered as RFC 9457 problem details like every other error:
 *
 * - `frameworkErrors`: a URL Fastify cannot decode (`/api/x%`), 400;
 * - `clientErrorHandler`: what Node's HTTP parser refuses on the raw socket (headers too large,
 *   431; a malformed request, 400; a request too slow, 408). The request's method is only known
 *   from the raw bytes here: a HEAD request gets the status and headers and no body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

const SECURITY_HEADERS =
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
  'X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n';

export function problemBody(status: number, detail: string, instance?: string): string {
  const title = (STATUS_CODES[status] ?? 'error').toLowerCase();
  return JSON.stringify({ type: 'about:blank', title, status, detail, ...(instance ? { instance } : {}) });
}

export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const status = (error as { statusCode?: number }).statusCode ?? 400;
  const detail = /url/i.test(error.message) ? `The URL could not be decoded: ${error.message}` : error.message;
  void reply.code(status).type('application/problem+json').send(problemBody(status, detail));
}

export function clientErrorHandler(error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time']
        : [400, 'The request is not valid HTTP'];
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head ? '' : problemBody(status, detail);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(problemBody(status, detail))}\r\n${SECURITY_HEADERS}` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
