import { createServer, type Server } from 'node:http';
import { listen } from '@bizenv/common/subgraph-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignedDataSource } from './gateway.js';

const SECRET = new TextEncoder().encode('x'.repeat(32));

function ask(source: SignedDataSource) {
  return source.process({ kind: 'health check', request: { query: '{ __typename }', http: { method: 'POST', url: '', headers: new Headers() } as never }, context: {} } as never);
}

describe('SignedDataSource', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
    vi.restoreAllMocks();
  });

  it('answers a subgraph that is down with SERVICE_UNAVAILABLE naming it, and no internal address', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server = createServer();
    const port = await listen(server, 0, '127.0.0.1');
    await new Promise<void>((done) => server!.close(() => done()));
    const error = await ask(new SignedDataSource('tasks', `http://127.0.0.1:${port}/graphql`, SECRET)).catch((e) => e);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'tasks' });
    expect(error.message).toBe('子系统 tasks 暂时无法访问，其数据暂缺，请稍后重试');
    expect(error.message).not.toContain(String(port));
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server = createServer(() => {});
    const port = await listen(server, 0, '127.0.0.1');
    const started = Date.now();
    const error = await ask(new SignedDataSource('complaints', `http://127.0.0.1:${port}/graphql`, SECRET, 300)).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'complaints' });
  });
});
