import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, REPO_ROOT } from '@bizenv/common/config';
import { openSubgraphDatabase } from '@bizenv/common/subgraph';
import { SHUTDOWN_GRACE_MS } from '@bizenv/common/subgraph-server';
import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphDefinitions } from '../scripts/subgraphs.js';
import { ephemeralSystemEnv } from '../scripts/system.js';

const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }';

/** `npm start`'s system in a child process on `target`; resolves with its gateway URL once it serves. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; at: number }> }> {
  const child = spawn(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['test/support/system-process.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; at: number }>((done) => child.once('exit', (code) => done({ code, at: Date.now() })));
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`the system exited (${code}) before it served`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"url"')) done({ child, url: JSON.parse(line).url, exited });
    });
  });
}

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** A POST whose body is sent in two parts: the request is in progress until `finish()`. */
function slowPost(url: string, body: string, token: string): { finish(): void; answer: Promise<{ status: number; body: any }> } {
  const target = new URL(url);
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; body: any }>((done, fail) => {
    req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res: IncomingMessage) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', fail);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), answer };
}

/** Whether a new connection to the gateway is refused. */
function refused(url: string): Promise<boolean> {
  const target = new URL(url);
  return new Promise((done) => {
    const req = request({ host: target.hostname, port: target.port, path: '/health', agent: false }, (res) => {
      res.resume();
      done(false);
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
    req.end();
  });
}

describe.each(await databaseTargets())('graceful shutdown on SIGTERM on $name', ({ create }) => {
  let target: DatabaseTarget;
  let env: Record<string, string>;

  beforeAll(() => {
    target = create();
    env = { ...ephemeralSystemEnv(target.databaseUrl ?? ''), REDIS_URL: '' };
  });

  afterAll(async () => {
    await target?.dispose();
  });

  it('finishes the request in progress, refuses new ones, tells subscribers 1001, cuts off what outlasts the grace period and exits 0', async () => {
    const { child, url, exited } = await startProcess(env);
    try {
      const hotline = (await post(url, 'mutation { login(username: "hotline", password: "Demo@2026") { token } }', {})).data.login.token;
      const leader = (await post(url, 'mutation { login(username: "city.leader", password: "Demo@2026") { token } }', {})).data.login.token;

      const subscriber = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${leader}` } });
      const closed = new Promise<number>((done) => subscriber.on('closed', (event: any) => done(event.code)));
      await new Promise<void>((done) => subscriber.subscribe({ query: 'subscription { regionStats(code: "990100") { code } }' }, { next: () => done(), error: () => {}, complete: () => {} }));

      const title = `停机前受理 ${randomBytes(4).toString('hex')}`;
      const input = { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title, content: '办理中途服务停止', regionCode: '990102003' };
      const inProgress = slowPost(url, JSON.stringify({ query: RECEIVE, variables: { input } }), hotline);
      // and one whose client never sends the rest: cut off after the grace period
      const stuck = slowPost(url, JSON.stringify({ query: '{ __typename }' }), hotline);
      const stuckOutcome = stuck.answer.then(() => 'answered', (error: NodeJS.ErrnoException) => error.code);
      await new Promise((done) => setTimeout(done, 200));

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      expect(await closed).toBe(1001);
      // the listener closes while the request is still in progress
      for (let tries = 0; !(await refused(url)); tries++) {
        expect(tries).toBeLessThan(100);
        await new Promise((done) => setTimeout(done, 20));
      }
      inProgress.finish();
      const answer = await inProgress.answer;
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const id = answer.body.data.receiveComplaint.id;

      const exit = await exited;
      expect(exit.code).toBe(0);
      expect(exit.at - signalledAt).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS);
      expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_GRACE_MS + 3000);
      expect(await stuckOutcome).toBe('ECONNRESET');
      await subscriber.dispose();

      // the write is in the database
      const config = loadConfig(env);
      const complaints = await openSubgraphDatabase(subgraphDefinitions(config).complaints, { databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        expect(await complaints.query('SELECT title FROM complaint WHERE id = ?', [id])).toEqual([{ title }]);
      } finally {
        await complaints.destroy();
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
