import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeGracefully, listen } from './subgraph-server.js';

/** A server whose requests each wait until `release()`; `received` resolves as the first one arrives. */
function slowServer() {
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let arrived!: () => void;
  const received = new Promise<void>((done) => (arrived = done));
  const server = createServer(async (_req, res) => {
    arrived();
    await released;
    res.end('done');
  });
  return { server, release, received };
}

function get(port: number): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode!, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('closeGracefully', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('stops accepting connections at once and lets the request in progress finish', async () => {
    const slow = slowServer();
    server = slow.server;
    const port = await listen(server, 0, '127.0.0.1');
    const inFlight = get(port);
    await slow.received;
    const closing = closeGracefully(server);
    await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    slow.release();
    expect(await inFlight).toEqual({ status: 200, body: 'done' });
    await closing;
  });

  it('closes a request that outlasts the grace period', async () => {
    const slow = slowServer();
    server = slow.server;
    const port = await listen(server, 0, '127.0.0.1');
    const inFlight = get(port);
    await slow.received;
    const started = Date.now();
    await closeGracefully(server, 300);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
    slow.release();
  });
});
