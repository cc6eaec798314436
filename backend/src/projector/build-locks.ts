/**
 * The per-build runner locks of one Projector: session advisory locks (`BUILD_LOCK_CLASS`, buildId)
 * held on one dedicated connection, so any number of builds costs one pooled connection, not one
 * each (nine projections would otherwise hold nine connections of the pool all the time).
 * If that connection is lost, so are all its locks: every holder is told to stop, and the next
 * acquire opens a new session.
 */
import type pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { must } from '../must.js';

/** Advisory lock class of the per-build runner lock (`pg_try_advisory_lock(BUILD_LOCK_CLASS, buildId)`). */
export const BUILD_LOCK_CLASS = 7347;

interface Session {
  client: pg.PoolClient;
  held: Map<number, () => void>;
  /** The client went back to the pool (closed, or lost: pg reports a lost connection more than once). */
  ended: boolean;
}

export class BuildLocks {
  private session: Promise<Session> | undefined;
  /** One statement at a time on the session (pg would queue them, but warns that this goes away). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  /** Takes the build's lock if no other session holds it; `onLost` runs if the lock is lost later. */
  async tryAcquire(buildId: number, onLost: () => void): Promise<boolean> {
    let session = await this.open();
    if (session.ended) {
      this.session = undefined;
      session = await this.open();
    }
    if (session.held.has(buildId)) return false; // already running here
    const { rows } = await this.serially(() =>
      session.client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1, $2) AS locked`, [
        BUILD_LOCK_CLASS,
        buildId,
      ]),
    );
    if (!must(rows[0], 'the pg_try_advisory_lock row').locked) return false;
    session.held.set(buildId, onLost);
    return true;
  }

  async release(buildId: number): Promise<void> {
    const session = await this.session?.catch(() => undefined);
    if (!session?.held.delete(buildId)) return;
    await this.serially(() =>
      session.client.query(`SELECT pg_advisory_unlock($1, $2)`, [BUILD_LOCK_CLASS, buildId]),
    ).catch(() => undefined);
  }

  /** Gives the session's connection back (its locks go with it). Call once nothing runs. */
  async close(): Promise<void> {
    const session = await this.session?.catch(() => undefined);
    if (!session || session.ended) return;
    for (const buildId of [...session.held.keys()]) await this.release(buildId);
    this.session = undefined;
    session.ended = true;
    session.client.release();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private open(): Promise<Session> {
    this.session ??= this.pool.connect().then(
      (client) => {
        const session: Session = { client, held: new Map(), ended: false };
        client.on('error', (error) => this.lost(session, error));
        return session;
      },
      (error: unknown) => {
        this.session = undefined;
        throw error;
      },
    );
    return this.session;
  }

  private lost(session: Session, error: Error): void {
    if (session.ended) return;
    session.ended = true;
    // The next acquire opens a new session (unless a newer one is already there).
    const current = this.session;
    void current?.then((open) => {
      if (open === session && this.session === current) this.session = undefined;
    });
    const holders = [...session.held.entries()];
    session.held.clear();
    session.client.release(error);
    if (holders.length > 0)
      this.logger.warn(
        { err: error, builds: holders.map(([id]) => id) },
        'lost the build locks, stopping their runners',
      );
    for (const [, onLost] of holders) onLost();
  }
}

/** The database session holding a build's lock, if one does (in this database). */
export async function buildLockHolder(
  pool: pg.Pool,
  buildId: number,
): Promise<{ pid: number; application: string } | undefined> {
  const { rows } = await pool.query<{ pid: number; application: string }>(
    `SELECT l.pid, coalesce(a.application_name, '') AS application
       FROM pg_locks l JOIN pg_database d ON d.oid = l.database LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2
        AND l.objsubid = 2 AND l.granted`,
    [BUILD_LOCK_CLASS, buildId],
  );
  return rows[0];
}
