/**
 * The API benchmark's baseline: a bare node:http server that answers overview and charts by
 * calling the very query handlers the Nest app runs (so the SQL is literally the same, on the same
 * pool), with none of the HTTP layer: no session verification (the user id is read from the
 * token's payload unchecked), no validation, no ETag, no rate limit, no request log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareQueries {
  overview(userId: string, channelId?: string): Promise<unknown>;
  charts(userId: string, days: number, channelId?: string): Promise<unknown>;
}

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

function subjectOf(authorization: string | undefined): string | undefined {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string }).sub;
}

export async function startBareServer(queries: BareQueries): Promise<BareServer> {
  // The handler answers every error itself (the catch below), so nothing waits for its promise.
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://bare');
      const userId = subjectOf(req.headers.authorization);
      const channel = url.searchParams.get('channel') ?? undefined;
      if (!userId) send(401, { detail: 'no token' });
      else if (url.pathname === '/api/analytics/overview') send(200, await queries.overview(userId, channel));
      else if (url.pathname === '/api/analytics/charts')
        send(200, await queries.charts(userId, Number(url.searchParams.get('days') ?? 30), channel));
      else send(404, { detail: 'not found' });
    } catch (error) {
      send((error as { getStatus?: () => number }).getStatus?.() ?? 500, { detail: (error as Error).message });
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
