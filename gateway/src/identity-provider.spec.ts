import { Permission, permissionsOf, Role } from '@bizenv/common/auth';
import type { IdentityProviderConfig } from '@bizenv/common/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHs256, startFakeIdentityProvider, type FakeIdentityProvider } from './fake-identity-provider.js';
import { identityProviderVerifier, type TokenVerifier } from './identity-provider.js';

const CLAIMS: IdentityProviderConfig['claims'] = { name: 'name', roles: 'roles', region: 'region', unit: 'unit' };
const leader = { sub: 'u-1001', name: '临江区领导', roles: ['LEADER'], region: '990102' };

async function refusal(verify: TokenVerifier, token: string): Promise<unknown> {
  try {
    await verify(token);
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? error;
  }
  return 'accepted';
}

describe('identity provider tokens from a JWKS', () => {
  let idp: FakeIdentityProvider;
  let verify: TokenVerifier;

  beforeAll(async () => {
    idp = await startFakeIdentityProvider('ES256');
    const config = { issuer: idp.issuer, jwksUrl: new URL(idp.jwksUrl), audience: idp.audience, claims: CLAIMS };
    verify = identityProviderVerifier(config, { jwksCooldownMs: 0 });
  });

  afterAll(() => idp?.stop());

  it('maps the claims to a caller whose permissions come from its roles only', async () => {
    const caller = await verify(await idp.sign({ ...leader, unit: 'unit-7', perms: [Permission.SYSTEM_ADMIN], roles: ['LEADER', 'ADMINISTRATOR', 'INTEGRATOR'] }));
    expect(caller).toEqual({ id: 'idp:u-1001', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102', unitId: 'unit-7' });
    expect(permissionsOf(caller).has(Permission.SYSTEM_ADMIN)).toBe(false);
    expect([...permissionsOf(caller)].sort()).toEqual([...permissionsOf({ ...caller, roles: [Role.LEADER] })].sort());
  });

  it('refuses a token without a role of ours, with a malformed region, or without a subject', async () => {
    for (const claims of [
      { ...leader, roles: [] },
      { ...leader, roles: ['INTEGRATOR', 'guest'] },
      { ...leader, roles: 'LEADER' },
      { ...leader, region: '9901020000' },
      { ...leader, region: undefined },
      { ...leader, sub: undefined },
      { ...leader, sub: 'x'.repeat(61) },
      // 三员分立: never two of the system, security and audit administrators' roles
      { ...leader, roles: ['ADMIN', 'AUDITOR'] },
      { ...leader, roles: ['SECURITY_ADMIN', 'ADMIN', 'LEADER'] },
    ]) {
      expect(await refusal(verify, await idp.sign(claims))).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token without an expiry', async () => {
    expect(await refusal(verify, await idp.sign(leader, { expiresAt: null }))).toBe('UNAUTHENTICATED');
  });

  it('follows a key rotation: the new kid is fetched, the withdrawn key no longer verifies', async () => {
    const before = await idp.sign(leader);
    expect((await verify(before)).id).toBe('idp:u-1001');
    const fetches = idp.fetches;
    await idp.rotate();
    expect((await verify(await idp.sign(leader))).regionCode).toBe('990102');
    expect(idp.fetches).toBe(fetches + 1);
    expect(await refusal(verify, before)).toBe('UNAUTHENTICATED');
  });

  it('treats an unreachable JWKS as an outage, not as a bad token', async () => {
    const cold = identityProviderVerifier({ issuer: idp.issuer, jwksUrl: new URL(idp.jwksUrl), claims: CLAIMS });
    idp.unavailable = true;
    try {
      const outcome = await refusal(cold, await idp.sign(leader));
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/identity provider keys unavailable/);
    } finally {
      idp.unavailable = false;
    }
  });
});

describe('identity provider tokens with a shared key', () => {
  const sharedKey = new TextEncoder().encode('shared-key-with-the-identity-platform-0001');
  const verify = identityProviderVerifier({ issuer: 'idp', sharedKey, claims: { ...CLAIMS, roles: 'userRoles', region: 'areaCode' } });
  const hs256 = (claims: Record<string, unknown>, key = sharedKey) => signHs256(claims, key, { issuer: 'idp' });

  it('accepts HS256 with the shared key and reads the configured claim names', async () => {
    const caller = await verify(await hs256({ sub: 'h-1', userRoles: ['HOTLINE_OPERATOR'], areaCode: '990100' }));
    expect(caller).toMatchObject({ id: 'idp:h-1', name: 'h-1', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' });
  });

  it('refuses another key, another algorithm and the default claim names', async () => {
    const claims = { sub: 'h-1', userRoles: ['LEADER'], areaCode: '990100' };
    expect(await refusal(verify, await hs256(claims, new TextEncoder().encode('not-the-shared-key-but-long-enough-000')))).toBe('UNAUTHENTICATED');
    const idp = await startFakeIdentityProvider('RS256');
    try {
      expect(await refusal(verify, await idp.sign(claims, { issuer: 'idp', audience: 'x' }))).toBe('UNAUTHENTICATED');
    } finally {
      await idp.stop();
    }
    expect(await refusal(verify, await hs256({ sub: 'h-1', roles: ['LEADER'], region: '990100' }))).toBe('UNAUTHENTICATED');
  });
});
