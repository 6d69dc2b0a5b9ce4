/**
 * Fault-injection measurement: with faults in the middle of a stream of changes, the screen's
 * numbers end equal to a fresh count from the database.
 *
 *   cd /work/main && ./node_modules/.bin/tsx test/bench/faults.ts [--only subgraph|gateway|redis|database]
 *
 * Each scenario deploys the five services as separate processes (MariaDB 127.0.0.1:3306, Redis
 * 127.0.0.1:6379, a fresh database prefix), writes complaints through the gateway at ~20/s,
 * watches the city's live numbers over graphql-ws, injects one fault mid-stream, and compares
 * the subscriber's last frame with a count taken straight from MariaDB. See README.md ("Faults").
 *
 * More options: `--only a,b` runs several; `--only idle-subgraph` runs a probe (no writes after
 * the fault, the screen reconnects during it); `--down <s>` changes how long the fault lasts;
 * `--keep-logs` keeps the services' logs (kept anyway when a scenario fails).
 *
 * It stops MariaDB and Redis (that is the point) and always leaves them running at the end;
 * anything else sharing them on this machine sees the outage too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');
const MYSQL_URL = 'mysql://root@127.0.0.1:3306';
const REDIS_URL = 'redis://127.0.0.1:6379';
const CITY = '990100';
const TOWNS = ['990102001', '990103002', '990121003', '990104001', '990171001'];
const SERVICES = ['organization', 'tasks', 'complaints', 'enterprise-service', 'gateway'] as const;
type ServiceName = (typeof SERVICES)[number];
/** The default run. */
const SCENARIOS = ['subgraph', 'gateway', 'redis', 'database'] as const;
/** Probes run only with --only. */
const PROBES = ['idle-subgraph'] as const;
type ScenarioName = (typeof SCENARIOS)[number] | (typeof PROBES)[number];
const ALL: readonly ScenarioName[] = [...SCENARIOS, ...PROBES];

const LOAD_BEFORE_MS = 10_000;
const LOAD_AFTER_FAULT_MS = 10_000;
/** Load also continues at least this long after the faulty part is back. */
const LOAD_AFTER_READY_MS = 5_000;
const WRITES_PER_SECOND = 20;
const MAX_IN_FLIGHT = 16;
const WRITE_TIMEOUT_MS = 12_000;
const DRAIN_WRITES_MS = 30_000;
const STABLE_MS = 2_000;
const STABLE_MAX_MS = 15_000;
const READY_TIMEOUT_MS = 90_000;
const SCENARIO_BUDGET_MS = 180_000;

// mysql2 belongs to @bizenv/common; this script borrows it instead of adding a dependency.
interface MysqlConnection {
  query(sql: string): Promise<[any[], unknown]>;
  end(): Promise<void>;
}
const mysql = createRequire(join(REPO, 'services/common/package.json'))('mysql2/promise') as {
  createConnection(options: { host: string; port: number; user: string; password: string; connectTimeout: number }): Promise<MysqlConnection>;
};

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------------------------------------
// Infrastructure: MariaDB and Redis on this machine

async function sql(statement: string): Promise<any[]> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', connectTimeout: 3000 });
  try {
    const [rows] = await connection.query(statement);
    return rows;
  } finally {
    await connection.end();
  }
}

function run(command: string, args: string[], timeoutMs = 30_000, detach = false): { ok: boolean; out: string } {
  // A daemon it starts must not hold our pipes open (spawnSync would wait for them to close).
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: detach ? 'ignore' : ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

const redisUp = () => run('redis-cli', ['-p', '6379', 'ping'], 3000).out === 'PONG';
const mariadbUp = () => run('mariadb-admin', ['-uroot', 'ping', '--connect-timeout=2'], 5000).ok;

function startRedis(): void {
  run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], 30_000, true);
}
function startMariadb(): void {
  run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd'], 30_000, true);
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** Leaves MariaDB and Redis running, whatever happened. */
async function ensureInfrastructure(): Promise<void> {
  if (!redisUp()) {
    console.log('  [cleanup] Redis was down: starting it');
    startRedis();
    await until('Redis ping', redisUp, 20_000).catch((error) => console.error(`  [cleanup] ${(error as Error).message}`));
  }
  if (!mariadbUp()) {
    console.log('  [cleanup] MariaDB was down: starting it');
    startMariadb();
    await until('MariaDB ping', mariadbUp, 60_000, 500).catch((error) => console.error(`  [cleanup] ${(error as Error).message}`));
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The deployment: five processes

interface Deployment {
  prefix: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  gatewayUrl: string;
  processes: Map<ServiceName, ChildProcess>;
  log(name: ServiceName): string;
}

/** Deployments not yet stopped, so that an interrupted run still stops what it started. */
const live = new Set<Deployment>();

async function createDeployment(): Promise<Deployment> {
  const prefix = `bizenv_fault${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bizenv-fault-'));
  const ports = { gateway: await freePort(), organization: await freePort(), tasks: await freePort(), complaints: await freePort(), enterprise: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `${MYSQL_URL}/${prefix}`,
    REDIS_URL,
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    AUTH_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(ports.gateway),
    ORGANIZATION_PORT: String(ports.organization),
    TASKS_PORT: String(ports.tasks),
    COMPLAINTS_PORT: String(ports.complaints),
    ENTERPRISE_SERVICE_PORT: String(ports.enterprise),
    ORGANIZATION_URL: `http://127.0.0.1:${ports.organization}/graphql`,
    TASKS_URL: `http://127.0.0.1:${ports.tasks}/graphql`,
    COMPLAINTS_URL: `http://127.0.0.1:${ports.complaints}/graphql`,
    ENTERPRISE_SERVICE_URL: `http://127.0.0.1:${ports.enterprise}/graphql`,
  };
  delete env.NODE_ENV; // demo data is seeded outside production
  const deployment: Deployment = {
    prefix,
    dataDir,
    env,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    processes: new Map(),
    log: (name) => join(dataDir, `${name}.log`),
  };
  live.add(deployment);
  return deployment;
}

/**
 * Starts one service and resolves when it prints "已启动". `tsx` runs the service in a child
 * node process, so each service gets its own process group: a kill reaches the server itself.
 */
function startService(deployment: Deployment, name: ServiceName): Promise<void> {
  const child = spawn(TSX, ['scripts/service.ts', name], { cwd: REPO, env: deployment.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  deployment.processes.set(name, child);
  const logFile = deployment.log(name);
  appendFileSync(logFile, `\n===== start ${new Date().toISOString()} pid ${child.pid}\n`);
  return new Promise((done, fail) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${name} did not start within ${READY_TIMEOUT_MS / 1000} s (log: ${logFile})`)), READY_TIMEOUT_MS);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) fail(error);
      else done();
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      appendFileSync(logFile, chunk);
      if (chunk.toString().includes('已启动')) finish();
    });
    child.stderr!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    child.once('exit', (code, signal) => {
      appendFileSync(logFile, `===== exit code ${code} signal ${signal}\n`);
      finish(new Error(`${name} exited (code ${code}, signal ${signal}) before it started (log: ${logFile})`));
    });
  });
}

/** kill -9 of the service's whole process group (the tsx wrapper and the node process under it). */
async function killService(deployment: Deployment, name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const child = deployment.processes.get(name);
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  await Promise.race([exited, sleep(10_000)]);
}

async function stopDeployment(deployment: Deployment): Promise<void> {
  live.delete(deployment);
  await Promise.all(
    [...deployment.processes.keys()].map(async (name) => {
      const child = deployment.processes.get(name)!;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await killService(deployment, name, 'SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await killService(deployment, name, 'SIGKILL');
    }),
  );
  // The node process under tsx may outlive its wrapper: make sure the groups are gone.
  for (const child of deployment.processes.values()) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function dropDatabases(prefix: string): Promise<void> {
  for (const service of ['organization', 'tasks', 'complaints', 'enterprise_service']) {
    await sql(`DROP DATABASE IF EXISTS \`${prefix}_${service}\``);
  }
}

// ---------------------------------------------------------------------------------------------
// Gateway clients: sign-in, writer, subscriber

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string, signal?: AbortSignal): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  return response.json();
}

async function login(url: string): Promise<string> {
  const result = await post(url, 'mutation { login(username: "hotline", password: "Demo@2026") { token } }', {});
  if (!result.data?.login?.token) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }`;
const FORTY_DAYS_MS = 40 * 24 * 3600_000;

class Writer {
  acknowledged = 0;
  retried = 0;
  skippedTicks = 0;
  /** Longest time from a write's first attempt to its acknowledgement. */
  maxLatencyMs = 0;
  abandoned = 0;
  lastError = '';
  private sequence = 0;
  private inFlight = new Set<Promise<void>>();
  private ticker?: NodeJS.Timeout;
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  start(): void {
    this.ticker = setInterval(() => {
      if (this.inFlight.size >= MAX_IN_FLIGHT) {
        this.skippedTicks++;
        return;
      }
      const write = this.write(this.sequence++).finally(() => this.inFlight.delete(write));
      this.inFlight.add(write);
    }, 1000 / WRITES_PER_SECOND);
  }

  /** Stops sending new writes; waits for those under way to be acknowledged (bounded). */
  async stop(): Promise<void> {
    clearInterval(this.ticker);
    const drained = Promise.all([...this.inFlight]);
    const outcome = await Promise.race([drained.then(() => 'drained'), sleep(DRAIN_WRITES_MS).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      this.abandoned = this.inFlight.size;
      this.abort.abort();
      await drained;
    }
  }

  private async write(n: number): Promise<void> {
    const receivedAt = n % 2 === 0 ? new Date() : new Date(Date.now() - FORTY_DAYS_MS);
    const input = {
      channel: 'HOTLINE_12345',
      category: 'BUCK_PASSING',
      title: `故障测试 ${n}`,
      content: '故障注入测量写入',
      regionCode: TOWNS[n % TOWNS.length],
      receivedAt: receivedAt.toISOString(),
    };
    const start = performance.now();
    for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
      try {
        const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(WRITE_TIMEOUT_MS)]);
        const result = await post(this.url, RECEIVE, { input }, this.token, signal);
        if (result.data?.receiveComplaint?.id) {
          this.acknowledged++;
          this.maxLatencyMs = Math.max(this.maxLatencyMs, performance.now() - start);
          return;
        }
        this.lastError = JSON.stringify(result.errors?.[0]?.message ?? result).slice(0, 160);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.lastError = (error as Error).message.slice(0, 160);
      }
      this.retried++;
      await sleep(Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

interface Stats {
  total: number;
  open: number;
  overdue: number;
}

class Subscriber {
  frames = 0;
  errorFrames = 0;
  /** Healthy frames whose total was lower than an earlier one's (complaints are only added). */
  backwards = 0;
  private highestTotal = 0;
  last?: Stats | null;
  lastErrors?: string;
  lastFrameAt = 0;
  connections = 0;
  gaps: number[] = [];
  private gapStart?: number;
  private readonly frameListeners = new Set<(stats: Stats | null | undefined) => void>();
  private readonly client: Client;
  private dispose?: () => void;
  private closing = false;

  constructor(url: string, token: string) {
    this.client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => sleep(Math.min(1000, 100 * 2 ** retries) * (0.5 + Math.random())),
      keepAlive: 5000,
      connectionParams: () => ({ authorization: `Bearer ${token}` }),
      on: {
        connected: () => {
          this.connections++;
          if (this.gapStart !== undefined) this.gaps.push(performance.now() - this.gapStart);
          this.gapStart = undefined;
        },
        closed: () => {
          if (!this.closing && this.gapStart === undefined) this.gapStart = performance.now();
        },
      },
    });
  }

  start(): void {
    this.dispose = this.client.subscribe(
      { query: `subscription { regionStats(code: "${CITY}") { complaintStats { total open overdue } } }` },
      {
        next: (frame: any) => {
          this.frames++;
          this.lastFrameAt = performance.now();
          const stats = frame.data?.regionStats?.complaintStats ?? null;
          if (frame.errors?.length || !stats) {
            this.errorFrames++;
            this.lastErrors = JSON.stringify(frame.errors?.map((e: any) => e.message));
          }
          this.last = frame.errors?.length ? null : stats;
          if (this.last) {
            if (this.last.total < this.highestTotal) this.backwards++;
            this.highestTotal = Math.max(this.highestTotal, this.last.total);
          }
          for (const listener of this.frameListeners) listener(this.last);
        },
        error: (error) => console.error('  [subscriber] error', error),
        complete: () => {
          if (!this.closing) console.error('  [subscriber] completed unexpectedly');
        },
      },
    );
  }

  onFrame(listener: (stats: Stats | null | undefined) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  longestGap(): number {
    const open = this.gapStart !== undefined && !this.closing ? [performance.now() - this.gapStart] : [];
    return Math.max(0, ...this.gaps, ...open);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.dispose?.();
    await this.client.dispose();
  }
}

async function freshCount(prefix: string): Promise<Stats> {
  const [row] = await sql(
    `SELECT COUNT(*) total, COALESCE(SUM(dispatchStatus <> 'CLOSED'), 0) open,
            COALESCE(SUM(dispatchStatus <> 'CLOSED' AND dueAt < UTC_TIMESTAMP(3)), 0) overdue
       FROM \`${prefix}_complaints\`.complaint`,
  );
  return { total: Number(row.total), open: Number(row.open), overdue: Number(row.overdue) };
}

async function unpublished(prefix: string): Promise<number> {
  const [row] = await sql(`SELECT COUNT(*) n FROM \`${prefix}_complaints\`.outbox_event WHERE publishedAt IS NULL`);
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Faults

interface Fault {
  describe: string;
  /** Puts the fault in place. */
  inject(deployment: Deployment): Promise<void>;
  downMs: number;
  /** Ends the fault and resolves when the faulty part answers again. */
  recover(deployment: Deployment): Promise<void>;
  /**
   * A probe rather than a load test: writes stop before the fault and the screen reconnects
   * during it (as a wall screen does after a network blip), so nothing but the system itself
   * can bring the numbers back after the fault.
   */
  idle?: boolean;
}

const killComplaints: Pick<Fault, 'inject' | 'recover'> = {
  inject: (d) => killService(d, 'complaints'),
  recover: (d) => startService(d, 'complaints'),
};

const FAULTS: Record<ScenarioName, Fault> = {
  subgraph: { describe: 'kill -9 complaints, restart after 3 s', downMs: 3000, ...killComplaints },
  gateway: {
    describe: 'kill -9 gateway, restart after 3 s',
    inject: (d) => killService(d, 'gateway'),
    downMs: 3000,
    recover: (d) => startService(d, 'gateway'),
  },
  redis: {
    describe: 'redis-cli shutdown nosave, restart after 3 s',
    async inject() {
      run('redis-cli', ['-p', '6379', 'shutdown', 'nosave']);
      await until('Redis down', () => !redisUp(), 10_000, 100);
    },
    downMs: 3000,
    async recover() {
      startRedis();
      await until('Redis ping', redisUp, 20_000, 100);
    },
  },
  database: {
    describe: 'stop MariaDB, restart after 5 s',
    async inject() {
      const stopped = run('start-stop-daemon', ['--stop', '--exec', '/usr/sbin/mariadbd', '--retry', '10'], 60_000);
      if (!stopped.ok) throw new Error(`MariaDB did not stop: ${stopped.out}`);
    },
    downMs: 5000,
    async recover() {
      startMariadb();
      await until('MariaDB ping', mariadbUp, 60_000, 200);
    },
  },
  'idle-subgraph': {
    describe: 'writes stop; kill -9 complaints; the screen reconnects meanwhile; restart after 3 s; no further writes',
    downMs: 3000,
    idle: true,
    ...killComplaints,
  },
};

/** What MariaDB's transactions are doing mid-fault: how many wait for a lock, and on what. */
async function lockWaits(): Promise<string> {
  try {
    const rows = await sql(
      `SELECT trx_state state, COUNT(*) n, MAX(TIMESTAMPDIFF(SECOND, trx_wait_started, NOW())) waited, MIN(LEFT(trx_query, 60)) query
         FROM information_schema.innodb_trx GROUP BY trx_state`,
    );
    if (!rows.length) return 'no open transactions';
    return rows.map((r) => `${r.n} ${r.state}${r.state === 'LOCK WAIT' ? ` (longest ${r.waited} s, e.g. "${r.query}")` : ''}`).join(', ');
  } catch (error) {
    return `not measurable (${(error as Error).message.slice(0, 60)})`;
  }
}

// ---------------------------------------------------------------------------------------------
// One scenario

interface Result {
  scenario: ScenarioName;
  pass: boolean;
  acknowledged: number;
  retried: number;
  abandoned: number;
  maxWriteLatencyMs?: number;
  longestGapMs: number;
  reconnects: number;
  frames: number;
  errorFrames: number;
  backwards: number;
  /** Complaints committed beyond the seed and the acknowledged writes (responses lost in a fault). */
  unacknowledgedCommits?: number;
  downMs?: number;
  recoveryMs?: number;
  final?: Stats | null;
  fresh?: Stats;
  unpublished?: number;
  lockWaits?: string;
  streamReadFailures?: number;
  why: string[];
  logs?: string;
}

const emptyResult = (scenario: ScenarioName): Result => ({
  scenario,
  pass: false,
  acknowledged: 0,
  retried: 0,
  abandoned: 0,
  longestGapMs: 0,
  reconnects: 0,
  frames: 0,
  errorFrames: 0,
  backwards: 0,
  why: [],
});

async function runScenario(scenario: ScenarioName, downMs: number): Promise<Result> {
  const fault = FAULTS[scenario];
  const result = emptyResult(scenario);
  const t0 = performance.now();
  const mark = (what: string) => console.log(`  t+${((performance.now() - t0) / 1000).toFixed(1)} s  ${what}`);
  console.log(`\n== ${scenario}: ${fault.describe}${downMs !== fault.downMs ? ` (down ${downMs / 1000} s)` : ''}`);
  await ensureInfrastructure();
  const deployment = await createDeployment();
  let writer: Writer | undefined;
  const subscribers: Subscriber[] = [];
  const screen = () => subscribers[subscribers.length - 1];
  let failed = false;
  const writerStopped = () =>
    mark(
      `writer stopped: ${writer!.acknowledged} acknowledged, ${writer!.retried} retried, longest write ${seconds(writer!.maxLatencyMs)}` +
        `, ${writer!.skippedTicks} ticks skipped at ${MAX_IN_FLIGHT} in flight${writer!.abandoned ? `, ${writer!.abandoned} abandoned` : ''}` +
        (writer!.lastError ? `; last error: ${writer!.lastError}` : ''),
    );
  /** Until the screen's last frame is healthy and unchanged for 2 s, or 15 s pass. */
  const settle = async () => {
    const start = performance.now();
    const settled = () => screen().last && performance.now() - screen().lastFrameAt >= STABLE_MS;
    while (performance.now() - start < STABLE_MAX_MS && !settled()) await sleep(100);
    return settled();
  };
  try {
    await Promise.all(SERVICES.filter((s) => s !== 'gateway').map((name) => startService(deployment, name)));
    await startService(deployment, 'gateway');
    mark(`five processes started (database prefix ${deployment.prefix})`);
    const token = await login(deployment.gatewayUrl);
    const connectScreen = async () => {
      const subscriber = new Subscriber(deployment.gatewayUrl, token);
      subscribers.push(subscriber);
      subscriber.start();
      await until('first frame', () => subscriber.frames > 0, 15_000, 50);
      return subscriber;
    };
    await connectScreen();
    const seeded = await freshCount(deployment.prefix);
    writer = new Writer(deployment.gatewayUrl, token);
    writer.start();
    mark('load started');
    await sleep(LOAD_BEFORE_MS);

    if (fault.idle) {
      await writer.stop();
      writerStopped();
      await settle();
      mark(`idle; the screen shows ${fmt(screen().last)}, the database holds ${fmt(await freshCount(deployment.prefix))}; the screen disconnects`);
      await screen().close();
    }
    mark(`fault: ${fault.describe}`);
    const faultAt = performance.now();
    await fault.inject(deployment);
    if (fault.idle) {
      const again = await connectScreen();
      mark(`screen reconnected during the fault; its first frame: ${again.last ? fmt(again.last) : `error ${again.lastErrors}`}`);
    }
    await sleep(Math.min(2000, downMs));
    result.lockWaits = await lockWaits();
    mark(`transactions mid-fault: ${result.lockWaits}`);
    await sleep(Math.max(0, faultAt + downMs - performance.now()));
    mark('recovering');
    await fault.recover(deployment);
    const readyAt = performance.now();
    result.downMs = readyAt - faultAt;
    // Everything committed by now must reach the screen: the recovery time is until a healthy
    // frame shows at least this many complaints (complaints are only added, so total only grows).
    const atReady = await freshCount(deployment.prefix);
    mark(`fault over: back and answering; ${atReady.total} complaints committed so far`);
    const watched = screen();
    const check = (stats: Stats | null | undefined) => {
      if (result.recoveryMs !== undefined || !stats || stats.total < atReady.total) return;
      result.recoveryMs = performance.now() - readyAt;
      mark(`first frame with everything committed by the fault's end (+${seconds(result.recoveryMs)})`);
    };
    watched.onFrame(check);
    check(watched.last);

    if (!fault.idle) {
      const loadUntil = Math.max(faultAt + LOAD_AFTER_FAULT_MS, readyAt + LOAD_AFTER_READY_MS);
      await sleep(Math.max(0, loadUntil - performance.now()));
      await writer.stop();
      writerStopped();
    }
    if (!(await settle())) result.why.push(`no healthy frame stable for ${STABLE_MS / 1000} s within ${STABLE_MAX_MS / 1000} s`);
    result.final = screen().last;
    result.fresh = await freshCount(deployment.prefix);
    result.unpublished = await unpublished(deployment.prefix);
    mark('compared');

    const final = result.final;
    if (!final) result.why.push(`last frame is not a healthy frame: ${screen().lastErrors ?? 'no data'}`);
    else if (final.total !== result.fresh.total || final.open !== result.fresh.open || final.overdue !== result.fresh.overdue) {
      result.why.push(`last frame ${fmt(final)} ≠ fresh count ${fmt(result.fresh)}`);
    }
    if (result.unpublished !== 0) result.why.push(`${result.unpublished} outbox rows never published`);
    if (result.recoveryMs === undefined) result.why.push('no frame after the fault showed what was committed by its end');
    result.unacknowledgedCommits = result.fresh.total - seeded.total - writer.acknowledged;
    if (result.unacknowledgedCommits < 0) result.why.push(`${-result.unacknowledgedCommits} acknowledged writes are not in the database`);
  } catch (error) {
    failed = true;
    result.why.push(`scenario error: ${(error as Error).message}`);
    console.error(`  scenario error:`, error);
  } finally {
    if (writer) {
      await writer.stop();
      Object.assign(result, { acknowledged: writer.acknowledged, retried: writer.retried, abandoned: writer.abandoned, maxWriteLatencyMs: writer.maxLatencyMs });
    }
    for (const subscriber of subscribers) {
      result.longestGapMs = Math.max(result.longestGapMs, subscriber.longestGap());
      result.reconnects += Math.max(0, subscriber.connections - 1);
      result.frames += subscriber.frames;
      result.errorFrames += subscriber.errorFrames;
      result.backwards += subscriber.backwards;
      await subscriber.close().catch(() => undefined);
    }
    await stopDeployment(deployment);
    await ensureInfrastructure();
    if (result.backwards) result.why.push(`${result.backwards} healthy frame(s) showed fewer complaints than an earlier one`);
    result.pass = result.why.length === 0;
    try {
      await dropDatabases(deployment.prefix);
    } catch (error) {
      console.error(`  could not drop ${deployment.prefix}_*: ${(error as Error).message}`);
    }
    result.streamReadFailures = countInLog(deployment.log('gateway'), '[event-bus] stream read failed');
    mark(`stopped; the gateway logged ${result.streamReadFailures} stream read failure(s); ${result.pass ? 'PASS' : 'FAIL'}`);
    if (result.pass && !failed && !process.argv.includes('--keep-logs')) rmSync(deployment.dataDir, { recursive: true, force: true });
    else result.logs = deployment.dataDir;
  }
  return result;
}

function countInLog(file: string, needle: string): number {
  try {
    return readFileSync(file, 'utf8').split(needle).length - 1;
  } catch {
    return 0;
  }
}

const fmt = (s: Stats | null | undefined) => (s ? `${s.total}/${s.open}/${s.overdue}` : 'none');

function table(results: Result[]): string {
  const rows = [
    ['scenario', 'acked', 'retried', 'longest write', 'longest gap', 'frames (err)', 'fault→back', 'back→correct', 'final frame', 'fresh count', 'unpubl.', 'result'],
    ...results.map((r) => [
      r.scenario,
      String(r.acknowledged),
      String(r.retried),
      seconds(r.maxWriteLatencyMs),
      seconds(r.longestGapMs),
      `${r.frames} (${r.errorFrames})`,
      seconds(r.downMs),
      seconds(r.recoveryMs),
      fmt(r.final),
      fmt(r.fresh),
      r.unpublished === undefined ? '—' : String(r.unpublished),
      r.pass ? 'PASS' : 'FAIL',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => [...row[i]].length)));
  return rows.map((row) => row.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join('  ').trimEnd()).join('\n');
}

// ---------------------------------------------------------------------------------------------

/** Which code ran: the commit, and uncommitted changes to the server code, if any. */
function codeVersion(): string {
  const head = run('git', ['-C', REPO, 'log', '-1', '--format=%h %cI']).out;
  const dirty = run('git', ['-C', REPO, 'status', '--porcelain', '--', 'services', 'gateway', 'scripts', 'schema']).out;
  return dirty ? `${head} + uncommitted changes to ${dirty.split('\n').map((line) => line.slice(3)).join(', ')}` : head;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<number> {
  const only = option('--only');
  const chosen = only ? (only.split(',') as ScenarioName[]) : [...SCENARIOS];
  for (const name of chosen) {
    if (!ALL.includes(name)) {
      console.error(`unknown scenario "${name}"; one of: ${ALL.join(', ')}`);
      return 2;
    }
  }
  const down = option('--down');
  if (down !== undefined && !(Number(down) > 0)) {
    console.error('--down takes the fault\'s duration in seconds');
    return 2;
  }
  if (!redisUp() || !mariadbUp()) {
    console.error('needs MariaDB at 127.0.0.1:3306 (root, no password) and Redis at 127.0.0.1:6379');
    return 2;
  }
  console.log(`fault injection: ${chosen.join(', ')}  (load ${WRITES_PER_SECOND}/s, frames of regionStats(code: "${CITY}"), counts are total/open/overdue)`);
  const code = codeVersion();
  console.log(`code: ${code}`);
  const results: Result[] = [];
  for (const scenario of chosen) {
    const downMs = down ? Number(down) * 1000 : FAULTS[scenario].downMs;
    const budget = sleep(SCENARIO_BUDGET_MS + downMs).then(() => 'timeout' as const);
    const outcome = await Promise.race([runScenario(scenario, downMs), budget]);
    if (outcome === 'timeout') {
      console.error(`  ${scenario}: over the ${(SCENARIO_BUDGET_MS + downMs) / 1000} s budget`);
      results.push({ ...emptyResult(scenario), why: ['over budget'] });
      break;
    }
    results.push(outcome);
  }
  const codeAfter = codeVersion();
  if (codeAfter !== code) console.log(`\nthe code changed during the run, now: ${codeAfter}`);
  console.log('\n' + table(results));
  console.log('\ncounts: total/open/overdue. longest write: first attempt to acknowledgement. fault→back: from injecting');
  console.log('the fault until the faulty part answers again. back→correct: from then until the first healthy frame');
  console.log('that includes every complaint committed by then. unpubl.: outbox rows left unpublished.');
  for (const r of results) {
    const notes = [
      r.reconnects ? `${r.reconnects} subscriber reconnect(s)` : '',
      r.unacknowledgedCommits !== undefined ? `committed but unacknowledged writes: ${r.unacknowledgedCommits}` : '',
      `frames going backwards: ${r.backwards}`,
      r.abandoned ? `${r.abandoned} writes abandoned unacknowledged` : '',
      r.lockWaits ? `mid-fault transactions: ${r.lockWaits}` : '',
      r.streamReadFailures !== undefined ? `gateway stream read failures logged: ${r.streamReadFailures}` : '',
      ...r.why,
      r.logs ? `service logs kept in ${r.logs}` : '',
    ].filter(Boolean);
    console.log(`${r.scenario}: ${notes.join('; ')}`);
  }
  return results.every((r) => r.pass) && results.length === chosen.length ? 0 : 1;
}

async function cleanUp(): Promise<void> {
  for (const deployment of [...live]) {
    await stopDeployment(deployment);
    await ensureInfrastructure();
    await dropDatabases(deployment.prefix).catch(() => undefined);
  }
  await ensureInfrastructure();
}

let exitCode = 1;
process.once('SIGINT', () => {
  console.error('interrupted: stopping the services, leaving MariaDB and Redis running');
  void cleanUp().finally(() => process.exit(130));
});
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
