/**
 * Gives the demo channel stream history through the real path: the demo seeder collects once a
 * day (02:00 UTC), which sees almost no streams, so this moves the simulator's clock through each
 * of the primary channel's past sessions and runs the server's own live poll every half hour of
 * it and once after it ended — as the scheduled live polling would have — then puts the clock
 * back to the present. Returns the number of sessions polled.
 */
import { LivePollingSchedule } from '../../backend/src/collection/schedules/live-polling.schedule.js';
import type { TestSystem } from '../../backend/src/testing/start-test-system.js';
import { sessionsBetween } from '../../backend/src/twitch/simulator/stream-sessions.js';

const DAY_MS = 86_400_000;
const POLL_EVERY_MS = 30 * 60_000;

export async function recordPastStreams(system: TestSystem, days: number): Promise<number> {
  const simulator = system.simulator;
  if (!simulator) throw new Error('recordPastStreams needs the Helix simulator');
  const { world, clock } = simulator;
  const channel = world.channels.find((c) => c.id === world.demoUserChannelId);
  if (!channel) throw new Error('the simulator has no demo user channel');
  const poller = system.app.get(LivePollingSchedule);
  const now = clock.nowMs();
  const sessions = sessionsBetween(channel, world.seed, now - days * DAY_MS, now).filter((s) => s.endMs < now - 60_000);
  try {
    for (const session of sessions) {
      for (let t = session.startMs + 60_000; t < session.endMs; t += POLL_EVERY_MS) {
        clock.set(t);
        await poller.poll();
      }
      clock.set(session.endMs + 60_000); // the stream is gone: the poll records it went offline
      await poller.poll();
    }
  } finally {
    clock.set(Date.now());
  }
  return sessions.length;
}
