/**
 * The API benchmark's load: `connections` keep-alive clients (raw sockets), each sending its
 * next request as soon as the previous answer is read, for a fixed time after a warm-up; each
 * request as a random user. Runs in a worker thread so the clients do not share the server's
 * event loop; `measureInWorker` starts one and returns what it measured, and `summarize` merges
 * several measurements (rounds) into the figures.
 */
import net from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { must } from '../must.js';

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
  for (const m of measurements)
    for (const [status, n] of Object.entries(m.failures)) failures[status] = (failures[status] ?? 0) + n;
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    failures,
  };
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

async function run(spec: LoadSpec): Promise<Measurement> {
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

if (!isMainThread && parentPort && (workerData as LoadSpec | undefined)?.baseUrl) {
  parentPort.postMessage(await run(workerData as LoadSpec));
}
