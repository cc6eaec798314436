/**
 * Starts the whole system from a validated configuration: the database (embedded PostgreSQL
 * unless DATABASE_URL is set), migrations, the event store, the Twitch client (the built-in Helix
 * simulator unless credentials are set), auth (local keys unless Clerk is configured), the
 * projector, and the HTTP server with the dashboard. `close()` stops everything in reverse order.
 */
import type { NestApplicationOptions } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { allProjections } from '@creatorsync/projections';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthMode } from '../auth/auth.controller.js';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { LOCAL_AUTHORIZED_PARTY } from '../auth/local-token-issuer.js';
import { SessionVerifier } from '../auth/session-verifier.js';
import { seedDemoHistory } from '../collection/demo/seed-demo-history.js';
import { DemoHistoryFailure } from '../analytics/get-demo-history/demo-history-failure.js';
import { BackfillJobs } from '../collection/backfill/backfill-jobs.js';
import { CollectionJobs } from '../collection/jobs/collection-jobs.js';
import type { AppConfig } from '../config/app-config.js';
import { prepareDataDir } from '../config/data-dir.js';
import { createPool } from '../database/create-pool.js';
import { openDatabase } from '../database/open-database.js';
import { createEventStore } from '../event-store/create-event-store.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { parallelReplayConfig } from '../projector/partitioned/parallel-replay-config.js';
import { Projector } from '../projector/projector.js';
import type { RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import { connectDemoChannels } from '../twitch-link/connect-demo-channels.js';
import { createTwitchLinkParts } from '../twitch-link/twitch-link-parts.js';
import { AppModule, type SystemParts } from './app.module.js';
import { configureHttp, createHttpAdapter, readTlsFiles } from './configure-http.js';
import { connectTwitch } from './connect-twitch.js';

export interface RunningSystem {
  url: string;
  parts: SystemParts;
  app: NestFastifyApplication;
  simulator?: RunningHelixSimulator;
  /** Resolves when the demo history is recorded (embedded default only). */
  demoReady: Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Where the built dashboard is; default dashboard/build beside the backend. */
  dashboardDir?: string;
  projectorIntervalMs?: number;
  /** The embedded PostgreSQL died and could not be restarted (npm start exits). */
  onDatabaseLost?: (reason: string) => void;
  /** False for `--role api`: the read tables are kept current by a separate `--role projector` process. */
  runProjector?: boolean;
  /**
   * False: the simulator's demo channels are neither connected nor collected (no demo history, no
   * start-up collection), for tests that record their own data and need none of the demo's.
   */
  recordDemo?: boolean;
}

const defaultDashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dashboard/build');

export async function startSystem(config: AppConfig, options: StartOptions = {}): Promise<RunningSystem> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const closers: Array<() => Promise<unknown>> = [];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const closer of closers.reverse())
      await closer().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
  };
  try {
    await prepareDataDir(config.dataDir);
    const tls = config.tls ? readTlsFiles(config.tls) : undefined;
    const database = await openDatabase(config, logger, options.onDatabaseLost);
    closers.push(() => database.close());
    const pool = createPool(database.url, {
      max: 30,
      onError: (err) => {
        // On Ctrl-C the terminal signals PostgreSQL too, and it closes connections as we stop: expected.
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

    const twitchLink = await createTwitchLinkParts(pool, config, logger);
    const twitch = await connectTwitch(config, logger, twitchLink.tokenStore, pool);
    closers.push(() => twitch.close());
    const { helix, clock, simulator } = twitch;

    let authMode: AuthMode;
    let verifier: SessionVerifier;
    if (config.clerk) {
      authMode = { mode: 'clerk' };
      verifier = new SessionVerifier(config.clerk);
    } else {
      const keys = await loadOrCreateLocalAuthKeys(config.dataDir);
      authMode = { mode: 'local', keys };
      verifier = new SessionVerifier({ jwtKey: keys.publicKeyPem, authorizedParties: [LOCAL_AUTHORIZED_PARTY] });
    }

    const parallelReplay = parallelReplayConfig({
      databaseUrl: database.url,
      eventStoreConnectionString: config.eventStoreConnectionString,
      logLevel: logger.level,
    });
    let projector: Projector | undefined;
    if (options.runProjector !== false) {
      projector = new Projector({
        pool,
        eventStore,
        projections: allProjections,
        logger,
        reconcileIntervalMs: options.projectorIntervalMs,
        parallelReplay,
      });
      await projector.start();
      const running = projector;
      closers.push(() => running.stop());
    }

    const parts: SystemParts = {
      config,
      pool,
      eventStore,
      helix,
      clock,
      logger,
      projector,
      verifier,
      authMode,
      twitchLink,
    };
    // Nest declares its options as a class but reads them as plain data: the one option set here, as data.
    const nestOptions: Pick<NestApplicationOptions, 'logger'> = { logger: false };
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(parts),
      createHttpAdapter(tls),
      nestOptions,
    );
    await configureHttp(app, config, logger, options.dashboardDir ?? defaultDashboardDir, {
      extraImageOrigins: simulator ? [new URL(simulator.helixBaseUrl).origin] : [],
    });
    await app.listen(config.port, config.host);
    closers.push(() => app.close());
    const address = app.getHttpServer().address() as { port: number };
    const url = `${config.tls ? 'https' : 'http'}://${config.host}:${address.port}`;
    twitchLink.listeningAt(url);
    logger.info(
      {
        url,
        database: database.embedded ? 'embedded' : 'external',
        role: projector ? 'all' : 'api',
        eventStore: config.eventStoreConnectionString ? 'eventstoredb' : 'postgres',
      },
      'CreatorSync Analytics is up',
    );

    const demoSimulator = options.recordDemo === false ? undefined : simulator;
    const demoReady = demoSimulator
      ? connectDemoChannels({ simulator: demoSimulator, helix, tokenStore: twitchLink.tokenStore, logger })
          .catch((err: unknown) => logger.error({ err }, 'connecting the demo channels to the simulator failed'))
          .then(() =>
            seedDemoHistory({
              jobs: app.get(CollectionJobs),
              commands: app.get(CommandBus),
              eventStore,
              simulator: demoSimulator,
              days: config.demoHistoryDays,
              logger,
            }),
          )
          .catch((err: unknown) => {
            logger.error({ err }, 'recording demo history failed');
            app.get(DemoHistoryFailure).record(err);
          })
      : Promise.resolve();
    // Collection jobs a previous process did not finish (it stopped or died mid-job) go on now; with
    // the simulator, after the demo seeder has put its clock back to the present.
    void demoReady
      .then(() => app.get(CollectionJobs).resumeUnfinished())
      .then(() => app.get(BackfillJobs).resumeUnfinished())
      .catch((err: unknown) => logger.error({ err }, 'resuming unfinished collection jobs failed'));
    // Stop only after the seeder has let go of the simulator's clock.
    closers.splice(closers.length - 1, 0, () => demoReady);

    return { url, parts, app, simulator, demoReady, close };
  } catch (error) {
    await close();
    throw error;
  }
}
