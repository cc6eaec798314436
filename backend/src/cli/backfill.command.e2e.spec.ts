/**
 * `npm run cli -- backfill` as a real process (the built backend/dist/cli/main.js): a backfill of a
 * demo channel with a progress bar and the JSON summary, a second run writing nothing, a dry run,
 * and exit code 2 with a clear message for bad arguments and bad input.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accountStream, eventCatalogue } from '@creatorsync/projections';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createSimWorld } from '../twitch/simulator/sim-world.js';
import { assertCliBuilt, runCli } from '../testing/run-cli.js';
import { must } from '../must.js';
import type { BackfillSummary } from '../collection/backfill/backfill-jobs.js';
import { closeIfOpened, dropIfCreated } from '../testing/clean-up.js';

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** What `backfill --json` prints: these fields of the job's summary. */
type PrintedSummary = Pick<BackfillSummary, 'jobId' | 'channels' | 'requests' | 'eventsWritten' | 'skipped'>;

describe('cli backfill', () => {
  let db: TestDatabase;
  let dataDir: string;
  let store: EventStore;
  const channel = must(createSimWorld({ demo: true }).channels[0], 'createSimWorld({ demo: true }).channels[0]');
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir });

  beforeAll(async () => {
    assertCliBuilt();
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-cli-backfill-'));
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    await store.append(accountStream('streamer'), [
      {
        id: crypto.randomUUID(),
        type: 'TwitchAccountLinked',
        data: {
          userId: 'streamer',
          broadcasterId: channel.id,
          login: channel.login,
          displayName: channel.displayName,
          scopes: ['channel:read:subscriptions', 'moderator:read:followers'],
          linkedAt: new Date().toISOString(),
        },
        metadata: {
          correlationId: 'test',
          source: 'simulator',
          schemaVersion: eventCatalogue.TwitchAccountLinked.version,
          fetchedAt: new Date().toISOString(),
        },
      },
    ]);
  });
  afterAll(async () => {
    await closeIfOpened(store);
    await dropIfCreated(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('backfills a channel with a progress bar and prints { jobId, channels, requests, eventsWritten, skipped }; a re-run writes nothing', async () => {
    const args = ['backfill', '--channel', channel.id, '--from', day(30), '--to', day(1), '--json'];
    const first = await runCli(args, env());
    expect(first.stderr).toMatch(/backfill \[.*\] \d+\/\d+ requests/);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as PrintedSummary;
    expect(Object.keys(summary).sort()).toEqual(['channels', 'eventsWritten', 'jobId', 'requests', 'skipped']);
    expect(summary.channels).toEqual([channel.id]);
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.eventsWritten).toBeGreaterThan(30);
    const again = await runCli(args, env());
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout) as PrintedSummary;
    expect(rerun).toMatchObject({ eventsWritten: 0 });
    expect(rerun.skipped).toBeGreaterThan(0);
  });

  it('--dry-run prints the requests it would make and their time', async () => {
    const { code, stdout } = await runCli(
      ['backfill', '--all', '--from', day(365), '--to', day(0), '--dry-run'],
      env(),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/completed \(dry run\)/);
    expect(stdout).toMatch(/estimate {2}\d+ requests, about \S+ at \d+ requests\/min/);
  });

  it.each([
    [['backfill', '--from', '2025-01-01', '--to', '2025-01-02'], 'say which channels'],
    [['backfill', '--all', '--to', '2025-01-02'], '--from and --to are required'],
    [['backfill', '--all', '--from', '2025-01-03', '--to', '2025-01-02'], 'is after'],
    [['backfill', '--all', '--from', '2025-01-01', '--to', '2999-01-02'], 'in the future'],
    [['backfill', '--channel', '12345', '--from', '2025-01-01', '--to', '2025-01-02'], 'unknown or unconnected'],
    [['backfill', '--all', '--from', '2025-01-01', '--to', '2025-01-02', '--kinds', 'subs'], 'unknown kind'],
  ])('%j exits 2 saying what is wrong', async (args, message) => {
    const { code, stderr } = await runCli(args, env());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
