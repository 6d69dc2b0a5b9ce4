import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireIdentityKeys } from './config.js';

const base = () => ({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'bizenv-config-')) });
const SHARED = 'a-shared-key-of-at-least-32-characters';

describe('identity provider configuration', () => {
  it('is off without IDP_ISSUER, and refuses its other variables alone', () => {
    expect(loadConfig(base()).identityProvider).toBeUndefined();
    expect(() => loadConfig({ ...base(), IDP_JWKS_URL: 'https://idp.example/jwks' })).toThrow(new ConfigError('IDP_JWKS_URL set without IDP_ISSUER'));
  });

  it('takes a JWKS URL or a shared key, with the default claim names', () => {
    const jwks = loadConfig({ ...base(), IDP_ISSUER: 'https://idp.example', IDP_JWKS_URL: 'https://idp.example/jwks', IDP_AUDIENCE: 'bizenv' });
    expect(jwks.identityProvider).toEqual({
      issuer: 'https://idp.example',
      jwksUrl: new URL('https://idp.example/jwks'),
      audience: 'bizenv',
      claims: { name: 'name', roles: 'roles', region: 'region', unit: 'unit' },
    });
    const shared = loadConfig({ ...base(), IDP_ISSUER: 'idp', IDP_SHARED_KEY: SHARED, IDP_ROLES_CLAIM: 'userRoles', IDP_REGION_CLAIM: 'areaCode' });
    expect(shared.identityProvider).toMatchObject({ sharedKey: new TextEncoder().encode(SHARED), claims: { roles: 'userRoles', region: 'areaCode' } });
    expect(shared.identityProvider).not.toHaveProperty('jwksUrl');
    expect(shared.identityProvider).not.toHaveProperty('audience');
  });

  it('refuses both or neither key source, a short key, a bad URL and our own issuer, saying which', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ IDP_ISSUER: 'idp' }, /exactly one of IDP_JWKS_URL .* or IDP_SHARED_KEY/],
      [{ IDP_ISSUER: 'idp', IDP_JWKS_URL: 'https://idp.example/jwks', IDP_SHARED_KEY: SHARED }, /exactly one of/],
      [{ IDP_ISSUER: 'idp', IDP_SHARED_KEY: 'short' }, /IDP_SHARED_KEY must be at least 32 characters/],
      [{ IDP_ISSUER: 'idp', IDP_JWKS_URL: 'idp.example/jwks' }, /IDP_JWKS_URL must be an http\(s\) URL/],
      [{ IDP_ISSUER: 'idp', IDP_JWKS_URL: 'ftp://idp.example/jwks' }, /IDP_JWKS_URL must be an http\(s\) URL/],
      [{ IDP_ISSUER: 'bizenv', IDP_SHARED_KEY: SHARED }, /IDP_ISSUER must differ from the gateway's own issuer "bizenv"/],
    ];
    for (const [env, message] of cases) expect(() => loadConfig({ ...base(), ...env })).toThrow(message);
    for (const [env] of cases) expect(() => loadConfig({ ...base(), ...env })).toThrow(ConfigError);
  });

  it('wants https keys in production', () => {
    const production = { ...base(), NODE_ENV: 'production', INTERNAL_SECRET: 'i'.repeat(32), AUTH_SECRET: 'a'.repeat(32), IDP_ISSUER: 'idp' };
    expect(() => loadConfig({ ...production, IDP_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/must use https/);
    expect(loadConfig({ ...production, IDP_JWKS_URL: 'https://idp.example/jwks' }).identityProvider?.jwksUrl?.href).toBe('https://idp.example/jwks');
  });
});

describe('API key cache window', () => {
  it('is 30 s by default, settable from 0 to 30 s only', () => {
    expect(loadConfig(base()).apiKeyCacheSeconds).toBe(30);
    expect(loadConfig({ ...base(), API_KEY_CACHE_SECONDS: '0' }).apiKeyCacheSeconds).toBe(0);
    for (const raw of ['31', '-1', '1.5', 'soon']) {
      expect(() => loadConfig({ ...base(), API_KEY_CACHE_SECONDS: raw })).toThrow(/API_KEY_CACHE_SECONDS must be a whole number of seconds from 0 to 30/);
    }
  });
});

describe('idle-session timeout', () => {
  it('is 30 minutes by default, settable from 1 to 720 minutes', () => {
    expect(loadConfig(base()).sessionIdleMinutes).toBe(30);
    expect(loadConfig({ ...base(), SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
    for (const raw of ['0', '721', '1.5', 'never']) {
      expect(() => loadConfig({ ...base(), SESSION_IDLE_MINUTES: raw })).toThrow(/SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720/);
    }
  });
});

describe('allowed origins of browser pages', () => {
  it("defaults to the screen's development server in the demo and to none in production; takes a list of exact origins", () => {
    expect(loadConfig(base()).allowedOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    const production = { ...base(), NODE_ENV: 'production', INTERNAL_SECRET: 'i'.repeat(32), AUTH_SECRET: 'a'.repeat(32) };
    expect(loadConfig(production).allowedOrigins).toEqual([]);
    expect(loadConfig({ ...base(), ALLOWED_ORIGINS: 'https://screen.example.gov.cn, http://10.0.0.5:8080' }).allowedOrigins).toEqual(['https://screen.example.gov.cn', 'http://10.0.0.5:8080']);
    expect(loadConfig({ ...base(), ALLOWED_ORIGINS: '' }).allowedOrigins).toEqual([]);
    for (const bad of ['screen.example.gov.cn', 'https://screen.example.gov.cn/', 'https://screen.example.gov.cn/screen', 'ftp://x.example']) {
      expect(() => loadConfig({ ...base(), ALLOWED_ORIGINS: bad }), bad).toThrow(/ALLOWED_ORIGINS: .* is not an origin/);
    }
  });
});

describe('complainant identity keys and protection period', () => {
  const KEY = randomBytes(32).toString('base64');

  it('takes IDENTITY_KEY (base64, 32 bytes) with AES-256-GCM by default, or SM4', () => {
    expect(loadConfig({ ...base(), IDENTITY_KEY: KEY }).identity).toEqual({ current: { cipher: 'aes-256-gcm', key: Buffer.from(KEY, 'base64') }, old: [] });
    expect(loadConfig({ ...base(), IDENTITY_KEY: KEY, IDENTITY_CIPHER: 'SM4' }).identity?.current.cipher).toBe('sm4');
  });

  it('reads rotated-out keys, each with its own cipher or the current one', () => {
    const old = randomBytes(32);
    const identity = loadConfig({ ...base(), IDENTITY_KEY: KEY, IDENTITY_CIPHER: 'sm4', IDENTITY_KEYS_OLD: `aes-256-gcm:${old.toString('base64url')}, ${KEY}` }).identity;
    expect(identity?.old).toEqual([
      { cipher: 'aes-256-gcm', key: old },
      { cipher: 'sm4', key: Buffer.from(KEY, 'base64') },
    ]);
  });

  it('generates a demo key once per data directory', () => {
    const env = base();
    const first = loadConfig(env).identity;
    expect(first?.current.key).toHaveLength(32);
    expect(loadConfig(env).identity).toEqual(first);
    expect(loadConfig(base()).identity).not.toEqual(first);
  });

  it('has none in production unless given, and then the complaints service refuses to start', () => {
    const production = { ...base(), NODE_ENV: 'production', INTERNAL_SECRET: 'i'.repeat(32), AUTH_SECRET: 'a'.repeat(32) };
    expect(loadConfig(production).identity).toBeUndefined();
    expect(() => requireIdentityKeys(loadConfig(production).identity)).toThrow(/IDENTITY_KEY is required when NODE_ENV=production/);
    expect(requireIdentityKeys(loadConfig({ ...production, IDENTITY_KEY: KEY }).identity).current.key).toEqual(Buffer.from(KEY, 'base64'));
  });

  it('refuses a short or malformed key, an unknown cipher, and old keys without a current one', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ IDENTITY_KEY: randomBytes(16).toString('base64') }, /IDENTITY_KEY must be 32 random bytes in base64/],
      [{ IDENTITY_KEY: `${KEY}!` }, /IDENTITY_KEY must be 32 random bytes/],
      [{ IDENTITY_KEY: KEY, IDENTITY_CIPHER: 'des' }, /IDENTITY_CIPHER must be aes-256-gcm or sm4, got "des"/],
      [{ IDENTITY_KEY: KEY, IDENTITY_KEYS_OLD: 'rc4:abc' }, /IDENTITY_KEYS_OLD: unknown cipher "rc4"/],
      [{ IDENTITY_KEY: KEY, IDENTITY_KEYS_OLD: 'c2hvcnQ=' }, /each key in IDENTITY_KEYS_OLD must be 32 random bytes/],
      [{ IDENTITY_KEYS_OLD: KEY }, /IDENTITY_KEYS_OLD set without IDENTITY_KEY/],
    ];
    for (const [env, message] of cases) expect(() => loadConfig({ ...base(), ...env })).toThrow(message);
  });

  it('protects for 365 days unless PROTECTION_DAYS (1–3650) says otherwise', () => {
    expect(loadConfig(base()).protectionDays).toBe(365);
    expect(loadConfig({ ...base(), PROTECTION_DAYS: '730' }).protectionDays).toBe(730);
    for (const raw of ['0', '3651', '1.5', 'a year']) expect(() => loadConfig({ ...base(), PROTECTION_DAYS: raw })).toThrow(/PROTECTION_DAYS must be a whole number of days from 1 to 3650/);
  });
});
