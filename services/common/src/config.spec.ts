import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
