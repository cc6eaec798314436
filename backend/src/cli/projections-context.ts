/**
 * What the projections commands work with: the database pool, the event store and the projections
 * in the code, built like the server builds them (see app/start-system.ts), minus everything else.
 */
// The CLI's entry imports no decorated classes (so `--help` stays fast); the contexts that build them load the metadata shim.
import 'reflect-metadata';
import { allProjections, type Projection } from '@creatorsync/projections';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { createPool } from '../database/create-pool.js';
import { parallelReplayConfig } from '../projector/partitioned/parallel-replay-config.js';
import type { ParallelReplayConfig } from '../projector/partitioned/partitioned-replay.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Logger } from '../logging/logger.js';
import { openCliDatabase } from './projections-database.js';

export interface ProjectionsContext {
  pool: pg.Pool;
  eventStore: EventStore;
  projections: readonly Projection[];
  logger: Logger;
  /** The lag in events and the rebuild total are counted in the `events` table, so only for the Postgres log. */
  logInPostgres: boolean;
  /** Replays split by channel in worker threads (Postgres log only). */
  parallelReplay?: ParallelReplayConfig;
}

export interface OpenProjectionsContext extends ProjectionsContext {
  close(): Promise<void>;
}

/** Logs go to stderr so stdout carries only results; a CLI is quiet unless LOG_LEVEL says otherwise. */
export async function openProjectionsContext(config: AppConfig, logger: Logger): Promise<OpenProjectionsContext> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const closer of closers.reverse())
      await closer().catch((err: unknown) => logger.error({ err }, 'error while closing'));
  };
  try {
    const database = await openCliDatabase(config, logger);
    closers.push(() => database.close());
    const pool = createPool(database.url, {
      max: 10,
      onError: (err) => logger.warn({ err }, 'database connection lost'),
    });
    closers.push(() => pool.end());
    const eventStore = createEventStore({
      eventStoreConnectionString: config.eventStoreConnectionString,
      pool,
      databaseUrl: database.url,
      logger,
    });
    closers.push(() => eventStore.close());
    const parallelReplay = parallelReplayConfig({
      databaseUrl: database.url,
      eventStoreConnectionString: config.eventStoreConnectionString,
      logLevel: logger.level,
    });
    return {
      pool,
      eventStore,
      projections: allProjections,
      logger,
      logInPostgres: !config.eventStoreConnectionString,
      parallelReplay,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
