/**
 * Postgres advisory locks, so that several processes (servers, the CLI) never collect the same
 * channel, or poll live streams, at the same time (a job's own lease is in job-leases.ts). Session-level locks: a process that dies drops
 * its locks with its connection, so a crashed worker never blocks the job's resumption.
 */
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';

/** First key of the two-key lock form: one namespace per kind of lock. */
const NAMESPACE = { channel: 727_001, livePoll: 727_003 } as const;
const RETRY_MS = 100;

export type Release = () => Promise<void>;

@Injectable()
export class AdvisoryLocks {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Waits until no one else collects this channel, runs `work`, releases. */
  async withChannel<T>(broadcasterId: string, work: () => Promise<T>): Promise<T> {
    let release: Release | null;
    while ((release = await this.tryLock('channel', broadcasterId)) === null)
      await new Promise((r) => setTimeout(r, RETRY_MS));
    try {
      return await work();
    } finally {
      await release();
    }
  }

  tryLivePoll(): Promise<Release | null> {
    return this.tryLock('livePoll', 'all');
  }

  private async tryLock(kind: keyof typeof NAMESPACE, key: string): Promise<Release | null> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [NAMESPACE[kind], key],
      );
      if (!rows[0]?.locked) {
        client.release();
        return null;
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [NAMESPACE[kind], key]);
        client.release();
      } catch (error) {
        // A broken connection drops its locks anyway: do not give it back to the pool.
        client.release(error as Error);
      }
    };
  }
}
