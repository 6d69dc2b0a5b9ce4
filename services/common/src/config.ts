import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything read from the environment, in one place; see `.env.example`. */
export interface Config {
  production: boolean;
  /** mysql://user:pass@host:port/prefix, or undefined for the embedded SQLite files. */
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  /** Signs the caller identity the gateway forwards to subgraphs. */
  internalSecret: Uint8Array;
  /** Signs the session tokens issued at sign-in. */
  authSecret: Uint8Array;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway finds each subgraph (`<NAME>_URL`, default this host and port). */
  subgraphUrls: Record<SubgraphName, string>;
  host: string;
}

export const SUBGRAPHS = ['organization', 'tasks', 'complaints', 'enterprise-service'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export class ConfigError extends Error {}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0–65535), got "${raw}"`);
  }
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string, production: boolean, dataDir: string): Uint8Array {
  const raw = env[name];
  if (raw) {
    if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters`);
    return new TextEncoder().encode(raw);
  }
  if (production) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  // Demo mode: one random secret per data directory, so tokens survive a restart and no
  // well-known default secret exists.
  const file = resolve(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return new TextEncoder().encode(stored[name]);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^mysql:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with mysql:// (leave it unset for the embedded database)');
  }
  const dataDir = resolve(env.DATA_DIR || resolve(REPO_ROOT, 'data'));
  const host = env.HOST || '127.0.0.1';
  const subgraphPorts: Record<SubgraphName, number> = {
    organization: port(env, 'ORGANIZATION_PORT', 4001),
    tasks: port(env, 'TASKS_PORT', 4002),
    complaints: port(env, 'COMPLAINTS_PORT', 4003),
    'enterprise-service': port(env, 'ENTERPRISE_SERVICE_PORT', 4004),
  };
  const urlOf = (name: SubgraphName) =>
    env[`${name.toUpperCase().replace(/-/g, '_')}_URL`] || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${subgraphPorts[name]}/graphql`;
  return {
    production,
    databaseUrl,
    dataDir,
    redisUrl: env.REDIS_URL || undefined,
    internalSecret: secret(env, 'INTERNAL_SECRET', production, dataDir),
    authSecret: secret(env, 'AUTH_SECRET', production, dataDir),
    host,
    gatewayPort: port(env, 'GATEWAY_PORT', 4000),
    subgraphPorts,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, urlOf(name)])) as Record<SubgraphName, string>,
  };
}
