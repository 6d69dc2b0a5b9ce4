import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISSUER } from './auth.js';

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
  /** A unified identity platform whose tokens the gateway accepts besides its own; none if unset. */
  identityProvider?: IdentityProviderConfig;
  /** How long the gateway trusts a verified API key before asking again: the revocation delay. */
  apiKeyCacheSeconds: number;
  /** Requests per caller per minute at each gateway process (`RATE_LIMIT_PER_MINUTE`). */
  rateLimitPerMinute: number;
}

/** 统一身份认证平台: its tokens are recognised by their `iss` and verified with its keys only. */
export interface IdentityProviderConfig {
  issuer: string;
  /** Its public keys (RS256, ES256 or PS256), fetched and cached; exactly one of this and `sharedKey`. */
  jwksUrl?: URL;
  /** One HS256 key shared with the platform. */
  sharedKey?: Uint8Array;
  /** Required `aud` when set. */
  audience?: string;
  /** Names of the claims that carry the display name, roles (Role names), region code and unit id. */
  claims: { name: string; roles: string; region: string; unit: string };
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

const IDP_VARIABLES = ['IDP_JWKS_URL', 'IDP_SHARED_KEY', 'IDP_AUDIENCE', 'IDP_NAME_CLAIM', 'IDP_ROLES_CLAIM', 'IDP_REGION_CLAIM', 'IDP_UNIT_CLAIM'];

function identityProvider(env: NodeJS.ProcessEnv, production: boolean): IdentityProviderConfig | undefined {
  const issuer = env.IDP_ISSUER || undefined;
  if (!issuer) {
    const stray = IDP_VARIABLES.filter((name) => env[name]);
    if (stray.length) throw new ConfigError(`${stray.join(', ')} set without IDP_ISSUER`);
    return undefined;
  }
  // Tokens are routed by `iss`: the platform's must never be taken for our own.
  if (issuer === ISSUER) throw new ConfigError(`IDP_ISSUER must differ from the gateway's own issuer "${ISSUER}"`);
  const { IDP_JWKS_URL: jwks, IDP_SHARED_KEY: shared } = env;
  if (Boolean(jwks) === Boolean(shared)) {
    throw new ConfigError('IDP_ISSUER needs exactly one of IDP_JWKS_URL (RS256/ES256/PS256 public keys) or IDP_SHARED_KEY (HS256)');
  }
  if (shared && shared.length < 32) throw new ConfigError('IDP_SHARED_KEY must be at least 32 characters');
  let jwksUrl: URL | undefined;
  if (jwks) {
    jwksUrl = URL.canParse(jwks) ? new URL(jwks) : undefined;
    if (!jwksUrl || !/^https?:$/.test(jwksUrl.protocol)) throw new ConfigError(`IDP_JWKS_URL must be an http(s) URL, got "${jwks}"`);
    // Whoever can change the keys in transit can sign in as anyone.
    if (production && jwksUrl.protocol !== 'https:') throw new ConfigError('IDP_JWKS_URL must use https when NODE_ENV=production');
  }
  const claim = (name: string, fallback: string) => env[name]?.trim() || fallback;
  return {
    issuer,
    ...(jwksUrl ? { jwksUrl } : { sharedKey: new TextEncoder().encode(shared) }),
    ...(env.IDP_AUDIENCE ? { audience: env.IDP_AUDIENCE } : {}),
    claims: {
      name: claim('IDP_NAME_CLAIM', 'name'),
      roles: claim('IDP_ROLES_CLAIM', 'roles'),
      region: claim('IDP_REGION_CLAIM', 'region'),
      unit: claim('IDP_UNIT_CLAIM', 'unit'),
    },
  };
}

export const MAX_API_KEY_CACHE_SECONDS = 30;

function apiKeyCacheSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env.API_KEY_CACHE_SECONDS;
  if (raw === undefined || raw === '') return MAX_API_KEY_CACHE_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_API_KEY_CACHE_SECONDS) {
    throw new ConfigError(`API_KEY_CACHE_SECONDS must be a whole number of seconds from 0 to ${MAX_API_KEY_CACHE_SECONDS}, got "${raw}"`);
  }
  return value;
}

/**
 * Per caller (signed out: per address) and gateway process: 20 a second on average, in bursts of
 * up to a minute's worth. The screen makes a handful of requests an hour.
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

function rateLimitPerMinute(env: NodeJS.ProcessEnv): number {
  const raw = env.RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw === '') return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`RATE_LIMIT_PER_MINUTE must be a whole number of requests above 0, got "${raw}"`);
  return value;
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
    identityProvider: identityProvider(env, production),
    apiKeyCacheSeconds: apiKeyCacheSeconds(env),
    rateLimitPerMinute: rateLimitPerMinute(env),
  };
}
