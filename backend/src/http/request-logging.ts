/**
 * One structured log line per answered request, at info: method, URL (credentials in its query
 * string hidden), status, response time (ms),
 * the verified user, a request id and the client address. Deliberately no headers: the session token, the admin key and
 * cookies then cannot reach the logs at all (the logger's redaction stays as a second line of
 * defence). Written directly on the logger when the answer is finished, without pino-http's two
 * child loggers per request, which cost more than a cheap query's whole HTTP layer under load.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { loggableUrl } from './loggable-url.js';

const IGNORED = new Set(['/health']);

export function requestLogging(logger: Logger): (req: Request, res: Response, next: NextFunction) => void {
  let nextId = 0;
  return (req, res, next) => {
    if (IGNORED.has(req.url) || !logger.isLevelEnabled('info')) return next();
    const id = ++nextId;
    const started = performance.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const user = (req as { user?: { userId: string } }).user;
      // Flat fields: the logger's wildcard redaction paths then have no nested object to walk.
      const fields = {
        requestId: id,
        method: req.method,
        url: loggableUrl(req.originalUrl),
        statusCode: res.statusCode,
        responseTime: Math.round(performance.now() - started),
        userId: user?.userId,
        remoteAddress: req.socket.remoteAddress,
      };
      if (res.writableFinished) logger.info(fields, 'request completed');
      else logger.warn(fields, 'request aborted');
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}
