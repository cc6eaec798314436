/**
 * The API benchmark's load, in a worker thread so the clients do not share the server's event
 * loop; `measureInWorker` starts one and returns what it measured, and `summarize` merges several
 * measurements (rounds) into the figures. Each request is sent as a random user, on keep-alive
 * raw sockets. Two kinds of load:
 *
 * - closed loop (no `perSecond`): `connections` clients, each sending its next request as soon as
 *   the previous answer is read, for a fixed time after a warm-up: the most the server answers;
 * - open loop (`perSecond`): requests due on a fixed schedule whatever the answers do, each sent on
 *   an idle socket (a new one while fewer than `connections` are open), its latency counted from the
 *   time it was due, so a stall shows in the latencies instead of thinning the load.
 */
import net from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { must } from '../must.js';
import { OpenLoopSchedule, SocketPool, percentile } from './api-schedule.js';

export interface LoadSpec {
  baseUrl: string;
  path: string;
  /** One bearer token per user; each request picks one at random. */
  tokens: string[];
  /** Closed loop: the clients. Open loop: the most sockets open at once. */
  connections: number;
  /** Open loop at this many requests per second; closed loop when absent. */
  perSecond?: number;
  seconds: number;
  warmupSeconds: number;
}

/** One measurement: the latency of every request answered within the measured time. */
export interface Measurement {
  latenciesMs: Float64Array;
  seconds: number;
  /** Answers other than 200, by status (0: connection error; "no answer": none by the end). */
  failures: Record<string, number>;
  /** Open loop: how late each measured request was written after its due time (the sender's own lag). */
  sendLagMs?: Float64Array;
  /** Open loop: the sockets opened. */
  sockets?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: Record<string, number>;
  /** Open loop: p99 of the sender's own lag behind the schedule (the latencies include it). */
  sendLagP99Ms?: number;
  /** Open loop: the most sockets one measurement opened. */
  sockets?: number;
}

export function summarize(measurements: Measurement[]): LoadResult {
  const latencies = Float64Array.from(measurements.flatMap((m) => [...m.latenciesMs])).sort();
  const seconds = measurements.reduce((sum, m) => sum + m.seconds, 0);
  const failures: Record<string, number> = {};
  for (const m of measurements)
    for (const [status, n] of Object.entries(m.failures)) failures[status] = (failures[status] ?? 0) + n;
  const result: LoadResult = {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    failures,
  };
  const lags = measurements.flatMap((m) => (m.sendLagMs ? [...m.sendLagMs] : []));
  if (lags.length) result.sendLagP99Ms = percentile(Float64Array.from(lags).sort(), 0.99);
  const sockets = measurements.flatMap((m) => (m.sockets === undefined ? [] : [m.sockets]));
  if (sockets.length) result.sockets = Math.max(...sockets);
  return result;
}

export function measureInWorker(spec: LoadSpec): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: spec });
    worker.once('message', (result: Measurement) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/**
 * One keep-alive HTTP/1.1 connection on a raw socket: a request is a written string, an answer is
 * read up to its Content-Length. Far lighter than node:http's client, so on a small machine the load
 * takes less CPU from the server it measures (both servers answer with Content-Length).
 */
class Connection {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (status: number) => void } | undefined;

  constructor(private readonly url: URL) {}

  request(path: string, token: string): Promise<number> {
    return new Promise((resolve) => {
      this.pending = { resolve };
      const socket = this.connected();
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${this.url.host}\r\nAuthorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`,
      );
    });
  }

  close(): void {
    this.socket?.destroy();
  }

  private connected(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ host: this.url.hostname, port: Number(this.url.port) });
    socket.setNoDelay(true);
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.finish(0);
    };
    socket.once('error', fail);
    socket.once('close', fail);
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    const bodyLength = length ? Number(length[1]) : 0;
    if (!length && status !== 304 && status !== 204) {
      // Not expected from either server; count it as a failure and start over on a new connection.
      this.socket?.destroy();
      return;
    }
    if (this.buffer.length < end + 4 + bodyLength) return;
    this.buffer = this.buffer.subarray(end + 4 + bodyLength);
    this.finish(status);
  }

  private finish(status: number): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(status);
  }
}

async function runClosedLoop(spec: LoadSpec): Promise<Measurement> {
  const url = new URL(spec.baseUrl);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + spec.warmupSeconds * 1000;
  const end = measureFrom + spec.seconds * 1000;
  const connections = Array.from({ length: spec.connections }, () => new Connection(url));
  const client = async (connection: Connection) => {
    for (;;) {
      const sent = performance.now();
      if (sent >= end) return;
      const status = await connection.request(
        spec.path,
        must(
          spec.tokens[Math.floor(Math.random() * spec.tokens.length)],
          'spec.tokens[Math.floor(Math.random() * spec.tokens.length)]',
        ),
      );
      const done = performance.now();
      if (sent < measureFrom || done > end) continue;
      latencies.push(done - sent);
      if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(connections.map(client));
  for (const connection of connections) connection.close();
  return { latenciesMs: Float64Array.from(latencies), seconds: spec.seconds, failures };
}

/** How long an open loop waits, after its measured time, for answers still out. */
const DRAIN_MS = 10_000;

async function runOpenLoop(spec: LoadSpec & { perSecond: number }): Promise<Measurement> {
  const url = new URL(spec.baseUrl);
  const schedule = new OpenLoopSchedule(spec.perSecond, spec.warmupSeconds, spec.seconds);
  const latencies: number[] = [];
  const sendLags: number[] = [];
  const failures: Record<string, number> = {};
  const all: Connection[] = [];
  const pool = new SocketPool<Connection, number>(() => {
    const connection = new Connection(url);
    all.push(connection);
    return connection;
  }, spec.connections);
  const start = performance.now();
  let stopped = false;
  let allAnswered: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (allAnswered = resolve));
  const pending = new Set<number>();
  const send = (connection: Connection, dueAt: number) => {
    const measured = schedule.measured(dueAt);
    if (measured) sendLags.push(performance.now() - start - dueAt);
    const token = must(
      spec.tokens[Math.floor(Math.random() * spec.tokens.length)],
      'spec.tokens[Math.floor(Math.random() * spec.tokens.length)]',
    );
    void connection.request(spec.path, token).then((status) => {
      if (stopped) return;
      pending.delete(dueAt);
      if (measured) {
        latencies.push(performance.now() - start - dueAt);
        if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
      }
      const next = pool.release(connection);
      if (next !== undefined) send(connection, next);
      else if (pending.size === 0 && schedule.nextDueAt() === undefined) allAnswered();
    });
  };
  // Sends every request due, then sleeps until the next one is (timers wake a millisecond or so
  // late; the requests missed meanwhile go out together, each measured from its own due time).
  await new Promise<void>((resolve) => {
    const tick = () => {
      for (const dueAt of schedule.due(performance.now() - start)) {
        pending.add(dueAt);
        const connection = pool.acquire(dueAt);
        if (connection) send(connection, dueAt);
      }
      const next = schedule.nextDueAt();
      if (next === undefined) resolve();
      else setTimeout(tick, Math.max(0, next - (performance.now() - start)));
    };
    tick();
  });
  if (pending.size === 0) allAnswered();
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([answered, new Promise((resolve) => (drainTimer = setTimeout(resolve, DRAIN_MS)))]);
  clearTimeout(drainTimer);
  stopped = true;
  // Still unanswered: counted with the time waited so far, a lower bound of their latency.
  const cutoff = performance.now() - start;
  for (const dueAt of pending) {
    if (!schedule.measured(dueAt)) continue;
    latencies.push(cutoff - dueAt);
    failures['no answer'] = (failures['no answer'] ?? 0) + 1;
  }
  for (const connection of all) connection.close();
  return {
    latenciesMs: Float64Array.from(latencies),
    seconds: spec.seconds,
    failures,
    sendLagMs: Float64Array.from(sendLags),
    sockets: pool.opened,
  };
}

function run(spec: LoadSpec): Promise<Measurement> {
  const { perSecond } = spec;
  return perSecond === undefined ? runClosedLoop(spec) : runOpenLoop({ ...spec, perSecond });
}

if (!isMainThread && parentPort && (workerData as LoadSpec | undefined)?.baseUrl) {
  parentPort.postMessage(await run(workerData as LoadSpec));
}
