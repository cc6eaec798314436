import { pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** The CLI's logger: warnings and errors on stderr unless LOG_LEVEL asks for more; stdout is for results. */
export function createCliLogger(env: Record<string, string | undefined>, config: AppConfig): Logger {
  const level = env.LOG_LEVEL ? config.logLevel : 'warn';
  return createLogger(level, pino.destination({ fd: 2, sync: true }));
}
