/**
 * The API benchmark's open-loop phase: each endpoint offered at a fixed rate (half what the bare
 * server answered closed loop in the same run), first to the Nest app, then to the bare server, in
 * alternating rounds; prints the latencies, measured from each request's due time (api-load.ts).
 */
import { performance as nodePerformance } from 'node:perf_hooks';
import { measureInWorker, summarize, type LoadResult, type Measurement } from './api-load.js';

export interface OpenLoopSpec {
  /** Each endpoint with the rate it is offered at, requests per second. */
  endpoints: Array<{ endpoint: string; perSecond: number }>;
  servers: { nest: string; bare: string };
  tokens: string[];
  /** The most sockets open at once. */
  sockets: number;
  /** Per endpoint and server, after the warm-up. */
  seconds: number;
  warmupSeconds: number;
}

export interface OpenLoopResult {
  endpoint: string;
  perSecond: number;
  nest: LoadResult;
  bare: LoadResult;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(2));

export async function measureOpenLoop(spec: OpenLoopSpec): Promise<OpenLoopResult[]> {
  const results: OpenLoopResult[] = [];
  console.log(
    `\n  open loop: requests due at a fixed rate, latency from each one's due time, up to ${spec.sockets} sockets; lag: the sender's own`,
  );
  console.log(
    `  ${'endpoint'.padEnd(30)} ${'server'.padEnd(6)} ${'req/s'.padStart(6)} ${'requests'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'sockets'.padStart(7)} ${'lag p99'.padStart(7)} ${'loop'.padStart(5)}  not 200`,
  );
  for (const { endpoint, perSecond } of spec.endpoints) {
    const rounds = Math.max(1, Math.round(spec.seconds / 2));
    const measured = { nest: [] as Measurement[], bare: [] as Measurement[] };
    // How busy the servers' event loop (this thread) was.
    const loop = { nest: 0, bare: 0 };
    for (let round = 0; round < rounds; round++) {
      // Each round starts with no sockets open; the warm-up opens them.
      const warmupSeconds = round === 0 ? spec.warmupSeconds : Math.min(spec.warmupSeconds, 0.5);
      for (const server of ['nest', 'bare'] as const) {
        const since = nodePerformance.eventLoopUtilization();
        measured[server].push(
          await measureInWorker({
            baseUrl: spec.servers[server],
            path: endpoint,
            tokens: spec.tokens,
            connections: spec.sockets,
            perSecond,
            seconds: spec.seconds / rounds,
            warmupSeconds,
          }),
        );
        loop[server] += nodePerformance.eventLoopUtilization(since).utilization / rounds;
      }
    }
    const result = { endpoint, perSecond, nest: summarize(measured.nest), bare: summarize(measured.bare) };
    for (const server of ['nest', 'bare'] as const) printRow(endpoint, server, perSecond, result[server], loop[server]);
    results.push(result);
  }
  return results;
}

function printRow(endpoint: string, name: string, perSecond: number, r: LoadResult, loop: number): void {
  const failures =
    Object.entries(r.failures)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ') || '-';
  console.log(
    `  ${endpoint.padEnd(30)} ${name.padEnd(6)} ${fmt(perSecond).padStart(6)} ${fmt(r.requests).padStart(9)} ${ms(r.p50Ms).padStart(8)} ${ms(r.p99Ms).padStart(8)} ${ms(r.maxMs).padStart(8)} ${String(r.sockets ?? '-').padStart(7)} ${ms(r.sendLagP99Ms).padStart(7)} ${loop.toFixed(2).padStart(5)}  ${failures}`,
  );
}
