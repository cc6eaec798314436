/**
 * A TCP port that is free on 127.0.0.1 now (the operating system picks it), for a server process that
 * must be told its port before it starts. A fixed port would collide with a second test run on the
 * same machine (two clones, two Node versions side by side).
 */
import { createServer, type AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
