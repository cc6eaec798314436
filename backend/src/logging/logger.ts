/**
 * Structured JSON logs (pino), level from LOG_LEVEL. Secrets are redacted by path wherever they
 * could appear (tokens, keys, authorization headers), as a second line of defence: code should
 * never pass them to the logger in the first place.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'refreshToken',
  '*.refreshToken',
  'refresh_token',
  '*.refresh_token',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'req.headers.authorization',
  'req.headers["x-admin-key"]',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'creatorsync' } },
    destination,
  );
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** Nest injection token for the app's Logger. */
export const LOGGER = Symbol('Logger');
