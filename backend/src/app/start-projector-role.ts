/**
 * `npm start -- --role projector`: only the projector. It opens the database like the CLI does
 * (DATABASE_URL, or the embedded PostgreSQL a running server started under DATA_DIR, else starts
 * it), and runs every projection of its code: replays new projections and new versions, switches
 * readers, and follows the log live. No HTTP, no collection, no Twitch. Restarting it with new
 * projection code brings a new metric live while the API processes keep answering.
 */
import { allProjections, type Projection } from '@creatorsync/projections';
import { openCliDatabase } from '../cli/projections-database.js';
import type { AppConfig } from '../config/app-config.js';
import { prepareDataDir } from '../config/data-dir.js';
import { createPool } from '../database/create-pool.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { Logger } from '../logging/logger.js';
import { parallelReplayConfig } from '../projector/partitioned/parallel-replay-config.js';
import { Projector } from '../projector/projector.js';

export interface RunningProjector {
  projector: Projector;
  close(): Promise<void>;
}

export async function startProjectorRole(
  config: AppConfig,
  options: { logger: Logger; projections?: readonly Projection[]; reconcileIntervalMs?: number },
): Promise<RunningProjector> {
  const { logger } = options;
  const closers: Array<() => Promise<unknown>> = [];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const closer of closers.reverse())
      await closer().catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
      });
  };
  try {
    await prepareDataDir(config.dataDir);
    const database = await openCliDatabase(config, logger);
    closers.push(() => database.close());
    const pool = createPool(database.url, {
      max: 10,
      onError: (err) => {
        if (closing) logger.debug({ err }, 'database connection closed while stopping');
        else logger.warn({ err }, 'database connection lost');
      },
    });
    closers.push(() => pool.end());
    const eventStore = createEventStore({
      eventStoreConnectionString: config.eventStoreConnectionString,
      pool,
      databaseUrl: database.url,
      logger,
    });
    closers.push(() => eventStore.close());
    const projector = new Projector({
      pool,
      eventStore,
      projections: options.projections ?? allProjections,
      logger,
      reconcileIntervalMs: options.reconcileIntervalMs,
      parallelReplay: parallelReplayConfig({
        databaseUrl: database.url,
        eventStoreConnectionString: config.eventStoreConnectionString,
        logLevel: logger.level,
      }),
      kind: 'projector',
    });
    await projector.start();
    closers.push(() => projector.stop());
    logger.info(
      {
        role: 'projector',
        processId: projector.presence.processId,
        database: database.embedded ? 'embedded' : 'external',
      },
      'CreatorSync Analytics projector is up: it keeps the read tables current and serves no HTTP',
    );
    return { projector, close };
  } catch (error) {
    await close();
    throw error;
  }
}
