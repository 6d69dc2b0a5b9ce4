import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type EntityManager, type MixedList } from 'typeorm';
import type { SubgraphName } from './config.js';
import { QueryCounter } from './query-counter.js';

export interface DataSourceOptions {
  service: SubgraphName;
  /** mysql://… ; when absent the embedded SQLite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database file; absent means in memory (tests). */
  dataDir?: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

/** Each subgraph owns its own database: `<prefix>_<service>` on MySQL, `<service>.sqlite` embedded. */
export function databaseName(databaseUrl: string, service: SubgraphName): string {
  const prefix = new URL(databaseUrl).pathname.replace(/^\//, '') || 'bizenv';
  return `${prefix}_${service.replace(/-/g, '_')}`;
}

function writeAtomically(file: string, data: Uint8Array): void {
  // A crash mid-write must never leave a truncated database: write aside, then rename.
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

async function ensureMysqlDatabase(url: URL, name: string): Promise<void> {
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

export function createDataSource(options: DataSourceOptions): DataSource {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logger: new QueryCounter(),
  };
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    return new DataSource({
      ...common,
      type: 'mysql',
      host: url.hostname,
      port: Number(url.port || 3306),
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: databaseName(options.databaseUrl, options.service),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: 20,
      connectTimeout: 5000,
      // A connection the server killed (or a restart dropped) errors and leaves the pool, which
      // opens a new one for the next query; TCP keepalive after 10 s idle (not the OS's 2 h)
      // also finds connections a vanished server or network left half-open.
      extra: { enableKeepAlive: true, keepAliveInitialDelay: 10_000 },
    });
  }
  const location = options.dataDir ? resolve(options.dataDir, `${options.service}.sqlite`) : undefined;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return new DataSource({
    ...common,
    type: 'sqljs',
    location,
    autoSave: Boolean(location),
    autoSaveCallback: location ? (data: Uint8Array) => writeAtomically(location, data) : undefined,
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Connects (retrying while the database server is still starting) and applies migrations.
 * The pool recovers by itself after a later restart; only start-up needs the loop.
 */
export async function openDataSource(dataSource: DataSource, options: DataSourceOptions, attempts = 30): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (options.databaseUrl) {
        await ensureMysqlDatabase(new URL(options.databaseUrl), databaseName(options.databaseUrl, options.service));
      }
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      return dataSource;
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (attempt >= attempts) throw error;
      console.warn(`[${options.service}] database not ready (${(error as Error).message}); retrying`);
      await sleep(Math.min(500 * attempt, 5000));
    }
  }
}

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. The embedded driver has a single connection, so its
 * transactions are queued one after another instead of nesting by accident.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqljs') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, next);
  return next;
}
