/**
 * `npm run cli -- <command>`: admin and analyst commands. `npm run cli -- --help` lists them.
 * This file and the `*.command.ts` files only describe the commands: each action imports what it
 * runs when it runs (configuration, logger, database, projector), so `--help` loads commander and
 * little else, and `token` never loads the event store, the projector or TypeORM.
 */
import { Command } from 'commander';
import type { AppConfig } from '../config/app-config.js';
import { loadDotEnv } from '../config/load-dot-env.js';
import { registerBackfillCommand } from './backfill.command.js';
import { registerCollectCommand } from './collect.command.js';
import { registerDbCommand } from './db.command.js';
import { registerProjectionsCommand } from './projections.command.js';
import { registerTokenCommand } from './token.command.js';

loadDotEnv();
const program = new Command()
  .name('creatorsync')
  .description('CreatorSync Analytics command line')
  .showHelpAfterError();

const config = async (): Promise<AppConfig> => {
  const { ConfigError, loadConfig } = await import('../config/app-config.js');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) program.error(error.message);
    throw error;
  }
};

registerTokenCommand(program, config);
registerProjectionsCommand(program, config);
registerCollectCommand(program, config);
registerBackfillCommand(program, config);
registerDbCommand(program, config);

await program.parseAsync(process.argv);
