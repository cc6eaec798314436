/**
 * One structured log line per answered request, at info: method, URL (credentials in its query
 * string hidden), status, response time (ms), the verified user, a request id and the client
 * address. Deliberately no headers: the session token, the admin key and cookies then cannot reach
 * the logs at all (the logger's redaction stays as a second line of defence). Fastify's own
 * request logging stays off: it would log through a child logger per request, which costs more
 * than a cheap query's whole HTTP layer under load.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { loggableUrl } from './loggable-url.js';

const IGNORED = new Set(['/health']);

export function addRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  let nextId = 0;
  const fields = (request: FastifyRequest, answer: { statusCode?: number; responseTime?: number }) => ({
    // Flat fields: the logger's wildcard redaction paths then have no nested object to walk.
    requestId: ++nextId,
    method: request.method,
    url: loggableUrl(request.originalUrl),
    ...answer,
    userId: (request as { user?: { userId: string } }).user?.userId,
    remoteAddress: request.socket.remoteAddress,
  });
  const logs = (request: FastifyRequest) => !IGNORED.has(request.url) && logger.isLevelEnabled('info');
  // Every answer, errors and requests refused before routing (bad body, 404) included.
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    if (logs(request))
      logger.info(
        fields(request, { statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) }),
        'request completed',
      );
  });
  fastify.addHook('onRequestAbort', (request: FastifyRequest, done: HookHandlerDoneFunction) => {
    if (logs(request)) logger.warn(fields(request, {}), 'request aborted');
    done();
  });
}
