/**
 * The positions of channel_read_positions kept in this process's memory, so an ETag needs no
 * round trip to PostgreSQL for them (http/channel-positions.ts). The projector notifies every
 * change in the transaction that writes it (projector/channel-read-positions.ts); a dedicated
 * connection LISTENs, then loads what is already there, and applies each notice as it comes. So
 * every process on the database, whichever instance's projector committed, follows every commit.
 *
 * Only while that holds is the memory used: until the first load is done, after the connection is
 * lost (until it is back and has loaded afresh), and for a build it does not know all of (one it
 * has not seen since it started listening, or one a notice said too many channels of; the caller
 * then has it reloaded, `reload`), `positionOf` answers undefined and the caller reads the database as before. Notices come in commit order, but
 * the load may already include the first few: a position only ever moves forward here.
 *
 * A notice arrives a moment after its commit (on a quiet database well under a millisecond; the
 * ETag's other inputs are reused for up to 50 ms, read-model-version.ts): meanwhile a tag may be
 * older than the data sent with it, which costs that client one more full answer, never a stale one kept.
 */
import pg from 'pg';
import type { Logger } from '../../logging/logger.js';
import { comparePositions, parsePosition } from '../../event-store/position.js';
import {
  CHANNEL_POSITIONS_NOTIFY,
  parsePositionNotice,
  type PositionNotice,
} from '../../projector/channel-read-positions.js';

const RECONNECT_DELAY_MS = 1000;

/**
 * How often the LISTEN connection is asked whether it still answers, and how long it has to. A
 * connection whose peer vanished without closing it (a network partition, a host gone) raises no
 * error for hours, and hears no notice: the memory would answer with old positions for ever, and
 * ETags would say "not modified" for data that changed. Unanswered in time, it counts as lost.
 */
export interface FeedLiveness {
  everyMs: number;
  timeoutMs: number;
}
const DEFAULT_LIVENESS: FeedLiveness = { everyMs: 10_000, timeoutMs: 5_000 };
/** How the LISTEN connection shows in pg_stat_activity. */
export const FEED_APPLICATION_NAME = 'creatorsync-etag-positions';

/** A reload under way: the notices of its build since it started. */
export type ReloadTicket = Map<string, string>;

/** What the feed knows: per build, each channel's position (a channel not there has none yet). */
export class ChannelPositionMemory {
  private builds = new Map<number, Map<string, string>>();
  /** The projection of each build whose name is known (from the load, or seen active). */
  private readonly projectionOf = new Map<number, string>();
  /** Builds above it were created after the load: the feed saw all their notices. */
  private loadedUpTo: number | undefined;
  /** Builds being reloaded: the notices since the reload started. */
  private readonly reloading = new Map<number, Map<string, string>>();
  /** Notices that came before the load finished: applied after it. */
  private early: PositionNotice[] | undefined = [];

  get ready(): boolean {
    return this.loadedUpTo !== undefined;
  }

  /** `undefined`: not known here (read the database); `null`: the build has no position for the channel. */
  positionOf(buildId: number, channel: string): string | null | undefined {
    if (this.loadedUpTo === undefined) return undefined;
    const positions = this.builds.get(buildId);
    if (!positions) return undefined;
    return positions.get(channel) ?? null;
  }

  /** The positions of every build that was not retired when they were read, and the highest build id then. */
  load(rows: Iterable<LoadedRow>, upTo: number): void {
    this.builds = new Map();
    for (const row of rows) {
      let positions = this.builds.get(row.build_id);
      if (!positions) this.builds.set(row.build_id, (positions = new Map<string, string>()));
      this.projectionOf.set(row.build_id, row.name);
      if (row.channel_id !== null && row.position !== null) positions.set(row.channel_id, row.position);
    }
    this.loadedUpTo = upTo;
    const early = this.early ?? [];
    this.early = undefined;
    for (const notice of early) this.apply(notice);
  }

  apply(notice: PositionNotice): void {
    if (this.early) {
      this.early.push(notice);
      return;
    }
    let positions = this.builds.get(notice.buildId) ?? this.reloading.get(notice.buildId);
    if (!positions) {
      // A build started after the load: every change of its came as a notice. An older one was
      // left out of the load (retired then) or forgotten: it stays unknown until reloaded.
      if (this.loadedUpTo === undefined || notice.buildId <= this.loadedUpTo) return;
      this.builds.set(notice.buildId, (positions = new Map<string, string>()));
    }
    if (notice.channels === null) {
      // Which channels moved was not said: the build is unknown (the database answers for it) until reloaded.
      this.builds.delete(notice.buildId);
      this.reloading.delete(notice.buildId);
      return;
    }
    moveForward(positions, notice.channels, notice.position);
  }

  /**
   * A reload of a build it does not know, to be started now (after LISTEN, so no later commit is
   * missed): undefined when it knows the build or is reloading it already. The notices that come
   * meanwhile are kept (in what it returns), and merged with what the reload read (`reloaded`).
   */
  reloadStarts(buildId: number): ReloadTicket | undefined {
    if (this.loadedUpTo === undefined || this.builds.has(buildId) || this.reloading.has(buildId)) return undefined;
    const ticket = new Map<string, string>();
    this.reloading.set(buildId, ticket);
    return ticket;
  }

  /** What a reload read; ignored when a notice without channels came meanwhile (it is reloaded again). */
  reloaded(buildId: number, ticket: ReloadTicket, rows: Iterable<{ channel_id: string; position: string }>): void {
    const positions = this.reloading.get(buildId);
    if (positions !== ticket) return;
    this.reloading.delete(buildId);
    for (const row of rows) moveForward(positions, [row.channel_id], row.position);
    this.builds.set(buildId, positions);
  }

  reloadFailed(buildId: number, ticket: ReloadTicket): void {
    if (this.reloading.get(buildId) === ticket) this.reloading.delete(buildId);
  }

  /**
   * Told the active builds (projection → build): a build below its projection's active one can
   * never be read again (readers never go back to a retired build), so its positions are dropped.
   */
  activeBuildsAre(active: ReadonlyMap<string, number>): void {
    for (const [name, buildId] of active) this.projectionOf.set(buildId, name);
    for (const [buildId, name] of this.projectionOf) {
      const activeId = active.get(name);
      if (activeId !== undefined && buildId < activeId) {
        this.builds.delete(buildId);
        this.reloading.delete(buildId);
        this.projectionOf.delete(buildId);
      }
    }
  }

  knownBuilds(): number[] {
    return [...this.builds.keys()].sort((a, b) => a - b);
  }
}

/** Each channel's position is `position` unless it is further already. */
function moveForward(positions: Map<string, string>, channels: readonly string[], position: string): void {
  const parsed = parsePosition(position);
  for (const channel of channels) {
    const known = positions.get(channel);
    if (known === undefined || comparePositions(parsePosition(known), parsed) < 0) positions.set(channel, position);
  }
}

interface LoadedRow {
  build_id: number;
  name: string;
  channel_id: string | null;
  position: string | null;
}

const LOAD_SQL = `
  SELECT b.build_id, b.name, p.channel_id, p.position
    FROM projection_builds b LEFT JOIN channel_read_positions p ON p.build_id = b.build_id
   WHERE b.state <> 'retired'`;

/**
 * The LISTEN connection that keeps a ChannelPositionMemory current; `memory` is undefined while it
 * is not (connecting, loading, lost).
 */
export class ChannelPositionFeed {
  private current: ChannelPositionMemory | undefined;
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly liveness: FeedLiveness = DEFAULT_LIVENESS,
  ) {}

  /** The memory while it is current (a method, not a getter: it may change at any await). */
  memory(): ChannelPositionMemory | undefined {
    return this.current?.ready ? this.current : undefined;
  }

  start(): Promise<void> {
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Reads a build the memory does not know (in the background; meanwhile the database answers for it). */
  reload(pool: pg.Pool, buildId: number): void {
    const memory = this.memory();
    const ticket = memory?.reloadStarts(buildId);
    if (!memory || !ticket) return;
    pool
      .query<{ channel_id: string; position: string }>({
        name: 'etag_channel_positions_reload',
        text: 'SELECT channel_id, position FROM channel_read_positions WHERE build_id = $1',
        values: [buildId],
      })
      .then(
        ({ rows }) => memory.reloaded(buildId, ticket, rows),
        () => memory.reloadFailed(buildId, ticket),
      );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.livenessTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    this.current = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.connection, application_name: FEED_APPLICATION_NAME });
    const memory = new ChannelPositionMemory();
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL_POSITIONS_NOTIFY || message.payload === undefined) return;
      const notice = parsePositionNotice(message.payload);
      if (notice) memory.apply(notice);
    });
    this.client = client;
    this.current = memory;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL_POSITIONS_NOTIFY}`);
      // After LISTEN: a commit the load misses is notified (notices the load includes are harmless).
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<LoadedRow>(LOAD_SQL);
      const upTo = await client.query<{ id: number | null }>('SELECT max(build_id) AS id FROM projection_builds');
      await client.query('COMMIT');
      if (this.client === client) {
        memory.load(rows, upTo.rows[0]?.id ?? 0);
        this.checkLivenessLater(client);
      }
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Asks the connection for an answer in a while; no answer in time is a lost connection. */
  private checkLivenessLater(client: pg.Client): void {
    this.livenessTimer = setTimeout(() => {
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${String(this.liveness.timeoutMs)} ms`)),
          this.liveness.timeoutMs,
        );
      });
      Promise.race([client.query('SELECT 1'), silent])
        .then(
          () => this.client === client && this.checkLivenessLater(client),
          (error: unknown) => this.lost(client, error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => clearTimeout(timer));
    }, this.liveness.everyMs);
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    clearTimeout(this.livenessTimer);
    this.client = undefined;
    this.current = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn(
      `ETags: the channel-positions LISTEN connection is down (${error?.message ?? 'ended'}); positions are read from the database until it is back`,
    );
    this.reconnectTimer = setTimeout(() => void this.start(), RECONNECT_DELAY_MS);
  }
}
