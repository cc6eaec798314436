/**
 * Picks the event-store adapter: EventStoreDB when a connection string is configured
 * (production), otherwise the Postgres log in the application's own database (embedded default).
 */
import type pg from 'pg';
import type { EventStoreLogger } from './event-store-logger.js';
import type { EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

export interface CreateEventStoreConfig {
  /** e.g. `kurrentdb://eventstore:2113?tls=false`; empty or absent means the Postgres log. */
  eventStoreConnectionString?: string;
  /** The application's pool (left open by the store); the Postgres adapter opens its own on `databaseUrl`. */
  pool: pg.Pool;
  /** The same database as `pool`, for the Postgres adapter's dedicated LISTEN connection. */
  databaseUrl: string;
  logger?: EventStoreLogger;
}

export function createEventStore(config: CreateEventStoreConfig): EventStore {
  if (config.eventStoreConnectionString)
    return EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString);
  return new PostgresEventStore(config.pool, {
    listenConnection: config.databaseUrl,
    // Its own read and write pools: subscribers never queue behind appends or the application's queries.
    ownPools: { connectionString: config.databaseUrl },
    logger: config.logger,
  });
}
