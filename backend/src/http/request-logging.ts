/**
 * One structured log line per answered request (pino-http at info): id, method, URL, status,
 * response time and the verified user. Deliberately no headers: the session token, the admin key
 * and cookies then cannot reach the logs at all (the logger's redaction stays as a second line of
 * defence), and a line costs less to build, which shows on cheap queries under load.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from '../logging/logger.js';

type Request = IncomingMessage & { id?: unknown; originalUrl?: string; user?: { userId: string } };

export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url, remoteAddress: req.socket?.remoteAddress }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/health' },
    // The user is known only once the auth guard has run, so it is added when the answer is logged.
    customSuccessObject: (req, _res, value) => ({ ...value, userId: (req as Request).user?.userId }),
    customErrorObject: (req, _res, _error, value) => ({ ...value, userId: (req as Request).user?.userId }),
  });
}
