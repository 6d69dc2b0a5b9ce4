// Hosts a share of the benchmark's wall screens in its own thread, so receiving frames does not
// compete with the server's event loop. Reports (version, arrival time) per frame per screen.
// Plain JavaScript: worker threads start without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { url, token, count, query } = workerData;
const frames = [];
const clients = [];
for (let i = 0; i < count; i++) {
  const received = [];
  frames.push(received);
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  client.subscribe(
    { query },
    { next: (frame) => received.push([String(frame.extensions?.version ?? '0-0'), Date.now()]), error: () => {}, complete: () => {} },
  );
  clients.push(client);
}

parentPort.on('message', async (message) => {
  if (message === 'status') parentPort.postMessage({ connected: frames.filter((f) => f.length).length });
  if (message === 'collect') parentPort.postMessage({ frames });
  if (message === 'close') {
    for (const client of clients) await client.dispose();
    parentPort.postMessage({ closed: true });
  }
});
