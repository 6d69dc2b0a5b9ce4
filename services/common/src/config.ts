import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISSUER } from './auth.js';
import { FIELD_KEY_BYTES, parseFieldCipher, type FieldCipherName, type FieldKey, type FieldKeys } from './field-crypto.js';

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
  /** A session token unused this long stops working (`SESSION_IDLE_MINUTES`); wall screens are exempt. */
  sessionIdleMinutes: number;
  /** Pages of other origins that may open the gateway's WebSocket (`ALLOWED_ORIGINS`); its own is always allowed. */
  allowedOrigins: string[];
  /**
   * Keys of the complainant identity encryption (`IDENTITY_KEY`, `IDENTITY_CIPHER`,
   * `IDENTITY_KEYS_OLD`). Unset in production when IDENTITY_KEY is: only the complaints service
   * needs it, and it refuses to start without (`requireIdentityKeys`).
   */
  identity?: FieldKeys;
  /** Days an enterprise that complained stays protected (`PROTECTION_DAYS`). */
  protectionDays: number;
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
  return new TextEncoder().encode(demoSecret(dataDir, name, 'base64url'));
}

/**
 * Demo mode: one random secret per data directory (32 bytes, in `encoding`), so tokens and
 * encrypted data survive a restart and no well-known default secret exists.
 */
function demoSecret(dataDir: string, name: string, encoding: 'base64' | 'base64url'): string {
  const file = resolve(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString(encoding);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
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

export const DEFAULT_SESSION_IDLE_MINUTES = 30;

function sessionIdleMinutes(env: NodeJS.ProcessEnv): number {
  const raw = env.SESSION_IDLE_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_SESSION_IDLE_MINUTES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 720) throw new ConfigError(`SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720, got "${raw}"`);
  return value;
}

/** The screen's development server (`vite` in dashboard/), allowed in demo mode only. */
export const DASHBOARD_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

function allowedOrigins(env: NodeJS.ProcessEnv, production: boolean): string[] {
  const raw = env.ALLOWED_ORIGINS;
  if (raw === undefined) return production ? [] : DASHBOARD_DEV_ORIGINS;
  const origins = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const origin of origins) {
    // exactly what a browser sends: scheme, host and port, no path or trailing slash
    if (!URL.canParse(origin) || new URL(origin).origin !== origin || !/^https?:/.test(origin)) {
      throw new ConfigError(`ALLOWED_ORIGINS: "${origin}" is not an origin such as https://screen.example.gov.cn or http://10.0.0.5:8080`);
    }
  }
  return origins;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function fieldKey(raw: string, name: string, cipher: FieldCipherName): FieldKey {
  const key = BASE64.test(raw) ? Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64') : Buffer.alloc(0);
  if (key.length !== FIELD_KEY_BYTES) throw new ConfigError(`${name} must be ${FIELD_KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
  return { cipher, key };
}

/**
 * IDENTITY_CIPHER (`aes-256-gcm`, the default, or `sm4`), IDENTITY_KEY, and IDENTITY_KEYS_OLD:
 * comma-separated keys replaced by a rotation, each `[cipher:]base64` (default: IDENTITY_CIPHER),
 * still read until every value is re-encrypted. Demo mode generates IDENTITY_KEY into DATA_DIR.
 */
function identityKeys(env: NodeJS.ProcessEnv, production: boolean, dataDir: string): FieldKeys | undefined {
  const cipher = parseFieldCipher(env.IDENTITY_CIPHER || 'aes-256-gcm');
  if (!cipher) throw new ConfigError(`IDENTITY_CIPHER must be aes-256-gcm or sm4, got "${env.IDENTITY_CIPHER}"`);
  const old = (env.IDENTITY_KEYS_OLD ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [prefix, value] = entry.includes(':') ? entry.split(':', 2) : [cipher, entry];
      const oldCipher = parseFieldCipher(prefix);
      if (!oldCipher) throw new ConfigError(`IDENTITY_KEYS_OLD: unknown cipher "${prefix}" (aes-256-gcm or sm4)`);
      return fieldKey(value, 'each key in IDENTITY_KEYS_OLD', oldCipher);
    });
  if (env.IDENTITY_KEY) return { current: fieldKey(env.IDENTITY_KEY, 'IDENTITY_KEY', cipher), old };
  if (old.length) throw new ConfigError('IDENTITY_KEYS_OLD set without IDENTITY_KEY');
  if (production) return undefined;
  return { current: fieldKey(demoSecret(dataDir, 'IDENTITY_KEY', 'base64'), 'IDENTITY_KEY in secrets.json', cipher), old };
}

/** What the complaints service needs to start: refused in production without IDENTITY_KEY. */
export function requireIdentityKeys(identity: FieldKeys | undefined): FieldKeys {
  if (!identity) throw new ConfigError('IDENTITY_KEY is required when NODE_ENV=production (32 random bytes in base64; the complaints service encrypts complainants with it)');
  return identity;
}

export const DEFAULT_PROTECTION_DAYS = 365;

function protectionDays(env: NodeJS.ProcessEnv): number {
  const raw = env.PROTECTION_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_PROTECTION_DAYS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 3650) throw new ConfigError(`PROTECTION_DAYS must be a whole number of days from 1 to 3650, got "${raw}"`);
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
    sessionIdleMinutes: sessionIdleMinutes(env),
    allowedOrigins: allowedOrigins(env, production),
    identity: identityKeys(env, production, dataDir),
    protectionDays: protectionDays(env),
  };
}
