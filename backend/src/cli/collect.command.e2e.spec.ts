/**
 * `npm run cli -- collect` as a real process (the built backend/dist/cli/main.js, which `npm test`
 * builds first): a daily collection of every connected channel with a progress bar and a summary,
 * and clear errors for bad arguments.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accountStream, eventCatalogue, jobStream } from '@creatorsync/projections';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createSimWorld } from '../twitch/simulator/sim-world.js';
import { assertCliBuilt, runCli } from '../testing/run-cli.js';
import { must } from '../must.js';
import { closeIfOpened, dropIfCreated } from '../testing/clean-up.js';

describe('cli collect', () => {
  let db: TestDatabase;
  let dataDir: string;
  let store: EventStore;
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir });

  beforeAll(async () => {
    assertCliBuilt();
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-cli-collect-'));
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    // The simulator the CLI starts serves the demo channels; one more linked channel does not exist on Twitch.
    const linked = [
      ...createSimWorld({ demo: true }).channels.map((c) => ({ id: c.id, login: c.login })),
      { id: '999999999', login: 'gone' },
    ];
    await store.append(
      accountStream('streamer'),
      linked.map((c, i) => ({
        id: crypto.randomUUID(),
        type: 'TwitchAccountLinked',
        data: {
          userId: 'streamer',
          broadcasterId: c.id,
          login: c.login,
          displayName: c.login,
          scopes: ['channel:read:subscriptions'],
          linkedAt: new Date(Date.now() + i).toISOString(),
        },
        metadata: {
          correlationId: 'test',
          source: 'simulator',
          schemaVersion: eventCatalogue.TwitchAccountLinked.version,
          fetchedAt: new Date().toISOString(),
        },
      })),
    );
  });
  afterAll(async () => {
    await closeIfOpened(store);
    await dropIfCreated(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('collect --all runs a daily collection with a progress bar and a summary', async () => {
    const { code, stdout, stderr } = await runCli(['collect', '--all'], env());
    expect(stderr).toMatch(/collect \[.*\] 4\/4 channels \| ok 3 failed 1/);
    expect(stdout).toMatch(/^Collection job admin_daily-\S+: completed$/m);
    expect(stdout).toContain('channels  3 ok, 1 failed (of 4)');
    expect(stdout).toMatch(/requests {2}\d+ Helix requests \([\d.]+ per channel\)/);
    expect(stdout).toMatch(/events {4}[1-9]\d* written/);
    expect(stdout).toMatch(/duration {2}[\d.]+s/);
    expect(stdout).toContain('999999999  Twitch does not know this channel');
    expect(code).toBe(1); // a channel failed

    const jobId = must(
      must(/Collection job (\S+):/.exec(stdout), '/Collection job (\\S+):/.exec(stdout)')[1],
      '/Collection job (\\S+):/.exec(stdout)[1]',
    );
    const events = await store.readStream(jobStream(jobId));
    expect(must(events.at(-1), 'events.at(-1)').data).toMatchObject({ channelsOk: 3, channelsFailed: 1 });
  });

  it.each([
    [[], 'say which channels: --all, or --channel <broadcasterId...>'],
    [['--all', '--channel', '1'], '--all and --channel exclude each other'],
    [['--channel', 'abc'], '--channel takes Twitch broadcaster ids (digits), got: abc'],
    [['--all', '--kind', 'weekly'], '--kind must be daily or refresh, got "weekly"'],
  ])('collect %j fails with a clear error', async (args, message) => {
    const { code, stderr } = await runCli(['collect', ...args], env());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
