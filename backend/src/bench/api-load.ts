/**
 * The API benchmark's load: `connections` keep-alive clients (node:http Agent), each sending its
 * next request as soon as the previous answer is read, for a fixed time after a warm-up; each
 * request as a random user. Runs in a worker thread so the clients do not share the server's
 * event loop; `measureInWorker` starts one and returns what it measured, and `summarize` merges
 * several measurements (rounds) into the figures.
 */
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface LoadSpec {
  baseUrl: string;
  path: string;
  /** One bearer token per user; each request picks one at random. */
  tokens: string[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** One measurement: the latency of every request answered within the measured time. */
export interface Measurement {
  latenciesMs: Float64Array;
  seconds: number;
  /** Answers other than 200, by status (0: connection error). */
  failures: Record<string, number>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: Record<string, number>;
}

export function summarize(measurements: Measurement[]): LoadResult {
  const latencies = Float64Array.from(measurements.flatMap((m) => [...m.latenciesMs])).sort();
  const seconds = measurements.reduce((sum, m) => sum + m.seconds, 0);
  const failures: Record<string, number> = {};
  for (const m of measurements) for (const [status, n] of Object.entries(m.failures)) failures[status] = (failures[status] ?? 0) + n;
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies[latencies.length - 1] ?? NaN, failures };
}

export function measureInWorker(spec: LoadSpec): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: spec });
    worker.once('message', (result: Measurement) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

function request(agent: http.Agent, url: URL, path: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', () => resolve(0));
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

async function run(spec: LoadSpec): Promise<Measurement> {
  const url = new URL(spec.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + spec.warmupSeconds * 1000;
  const end = measureFrom + spec.seconds * 1000;
  const client = async () => {
    for (;;) {
      const sent = performance.now();
      if (sent >= end) return;
      const status = await request(agent, url, spec.path, spec.tokens[Math.floor(Math.random() * spec.tokens.length)]!);
      const done = performance.now();
      if (sent < measureFrom || done > end) continue;
      latencies.push(done - sent);
      if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, client));
  agent.destroy();
  return { latenciesMs: Float64Array.from(latencies), seconds: spec.seconds, failures };
}

if (!isMainThread && parentPort && (workerData as LoadSpec | undefined)?.baseUrl) {
  parentPort.postMessage(await run(workerData as LoadSpec));
}
