/**
 * A collection worker as a separate process, for the crash test (it is killed with SIGKILL mid-job
 * and started again). `MODE=start` requests job JOB_ID over the rig's 25 channels and runs it;
 * `MODE=resume` resumes unfinished jobs, as a server does at start, and waits for JOB_ID. Every
 * channel done prints `done <id>`; the end prints `finished <summary JSON>`. Helix answers slowly
 * (SLOW_MS per request), so the kill lands mid-job.
 *
 *   DATABASE_URL=… JOB_ID=… MODE=start|resume [SLOW_MS=40] [SIM_PORT=…] node backend/dist/collection/testing/collection-worker.js
 */
import 'reflect-metadata';
import { startCollectionRig } from './collection-rig.js';

const { DATABASE_URL, JOB_ID, MODE, SLOW_MS, SIM_PORT } = process.env;
if (!DATABASE_URL || !JOB_ID || (MODE !== 'start' && MODE !== 'resume')) {
  process.stderr.write('usage: DATABASE_URL=… JOB_ID=… MODE=start|resume node collection-worker.js\n');
  process.exit(2);
}
// A fixed simulator port keeps URLs in Helix objects (profile images) equal across processes.
const rig = await startCollectionRig({
  databaseUrl: DATABASE_URL,
  channelCount: 25,
  simulator: { port: Number(SIM_PORT ?? 0) },
});
rig.sim.faults.slowResponses(1_000_000, Number(SLOW_MS ?? 0));
const observer = {
  onChannelDone: (outcome: { broadcasterId: string }) => process.stdout.write(`done ${outcome.broadcasterId}\n`),
};
if (MODE === 'start') {
  await rig.jobs.request({
    kind: 'daily',
    requestedBy: null,
    broadcasterIds: rig.channelIds,
    source: 'scheduled',
    jobId: JOB_ID,
  });
  const summary = await rig.jobs.run(JOB_ID, observer);
  process.stdout.write(`finished ${JSON.stringify(summary)}\n`);
} else {
  const resumed = await rig.jobs.resumeUnfinished();
  const summary = await rig.jobs.run(JOB_ID);
  process.stdout.write(`resumed ${JSON.stringify(resumed)}\nfinished ${JSON.stringify(summary)}\n`);
}
await rig.stop();
