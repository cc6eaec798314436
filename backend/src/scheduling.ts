/**
 * The one scheduling mechanism: every recurring timer of the server is a named entry of
 * `@nestjs/schedule`'s SchedulerRegistry (the Nest app's one; code that runs without the app gets
 * its own), so what runs when can be listed in one place and the schedule module clears whatever is
 * left at shutdown. Intervals are unref'd: a pending tick never keeps the process alive.
 */
import { SchedulerRegistry } from '@nestjs/schedule';

let unnamed = 0;

/** Runs `tick` every `everyMs` under `name` (made unique if taken); returns what cancels it. */
export function scheduleInterval(
  registry: SchedulerRegistry,
  name: string,
  everyMs: number,
  tick: () => void,
): () => void {
  const key = registry.doesExist('interval', name) ? `${name}#${String(++unnamed)}` : name;
  const timer = setInterval(tick, everyMs);
  timer.unref();
  registry.addInterval(key, timer);
  return () => {
    if (registry.doesExist('interval', key)) registry.deleteInterval(key);
  };
}

export { SchedulerRegistry };
