/**
 * One dedicated connection per store that LISTENs for appends and wakes every live subscription.
 * It exists only while somebody listens: the first `listen` connects, the last unlisten
 * disconnects. A lost connection is re-established after a pause; meanwhile subscriptions still
 * poll, so a notification is only ever a shortcut, never the sole way to see an event.
 */
import pg from 'pg';
import type { EventStoreLogger } from '../event-store-logger.js';
import { NOTIFY_CHANNEL } from './event-rows.js';

const RECONNECT_DELAY_MS = 1000;

export class NotificationListener {
  private readonly handlers = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly ending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly connection: string | pg.ClientConfig,
    private readonly logger: EventStoreLogger,
  ) {}

  /** Resolves once LISTEN is active (or has failed and been logged); returns the unlisten function. */
  async listen(handler: () => void): Promise<() => void> {
    this.handlers.add(handler);
    await this.ensureConnected();
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0) this.disconnect();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await this.connecting;
    this.disconnect();
    await Promise.all(this.ending);
  }

  private async ensureConnected(): Promise<void> {
    if (this.client || this.closed) return;
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    await this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(
      typeof this.connection === 'string' ? { connectionString: this.connection } : this.connection,
    );
    client.on('error', (error) => this.lost(client, error));
    client.on('notification', (message) => {
      if (message.channel === NOTIFY_CHANNEL) this.wakeAll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      this.logger.warn(
        `Event store: could not LISTEN for appends (subscriptions fall back on polling): ${String(error)}`,
      );
      this.end(client);
      this.scheduleReconnect();
      return;
    }
    if (this.closed || this.handlers.size === 0) {
      this.end(client);
      return;
    }
    client.on('end', () => this.lost(client));
    this.client = client;
    // Anything committed while we were not listening would otherwise wait for the next poll.
    this.wakeAll();
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    if (error)
      this.logger.warn(`Event store: LISTEN connection lost (subscriptions fall back on polling): ${error.message}`);
    this.end(client);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.handlers.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.handlers.size > 0) void this.ensureConnected();
    }, RECONNECT_DELAY_MS);
  }

  private disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    if (client) this.end(client);
  }

  private end(client: pg.Client): void {
    const ending = client.end().catch(() => {});
    this.ending.add(ending);
    void ending.finally(() => this.ending.delete(ending));
  }

  private wakeAll(): void {
    for (const handler of this.handlers) handler();
  }
}
