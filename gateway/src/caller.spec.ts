import { generateApiKey } from '@bizenv/common/api-key';
import { Role, signSessionToken } from '@bizenv/common/auth';
import { describe, expect, it } from 'vitest';
import { ApiKeyVerifier, type ApiKeyRecord } from './api-key-verifier.js';
import { callerResolver } from './caller.js';
import { signHs256 } from './fake-identity-provider.js';
import { MemorySessionActivity, SESSION_IDLE, SessionIdleTimeout } from './session-idle.js';

const encode = (text: string) => new TextEncoder().encode(text);
const authSecret = encode('session-secret-of-the-gateway-000000001');
const sharedKey = encode('shared-key-with-the-identity-platform-0001');
const claims = { sub: 'p-1', roles: ['LEADER'], region: '990102' };
const integrator: ApiKeyRecord = { id: 'k1', name: '12345热线平台', regionCode: '990100', scopes: ['STATS_READ'], expiresAt: null };

const resolve = callerResolver({
  authSecret,
  identityProvider: { issuer: 'https://idp.example', sharedKey, claims: { name: 'name', roles: 'roles', region: 'region', unit: 'unit' } },
  apiKeys: new ApiKeyVerifier(async () => integrator, 0),
});

const hs256 = (issuer: string, key: Uint8Array, audience?: string) => signHs256(claims, key, { issuer, audience });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => 'accepted',
    (error) => error.extensions?.code,
  );
}

describe('caller resolver', () => {
  it('verifies each token with its own issuer’s verifier only', async () => {
    const session = await signSessionToken({ id: 'u1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' }, authSecret);
    expect(await resolve({ authorization: `Bearer ${session}` })).toMatchObject({ id: 'u1', regionCode: '990100' });
    expect(await resolve({ authorization: `Bearer ${await hs256('https://idp.example', sharedKey)}` })).toMatchObject({ id: 'idp:p-1' });
    // Right key, wrong verifier: a platform token signed with our key, ours signed with the platform's.
    expect(await codeOf(resolve({ authorization: `Bearer ${await hs256('https://idp.example', authSecret)}` }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(resolve({ authorization: `Bearer ${await hs256('bizenv', sharedKey, 'bizenv-gateway')}` }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(resolve({ authorization: `Bearer ${await hs256('https://other.example', sharedKey)}` }))).toBe('UNAUTHENTICATED');
  });

  it('takes an API key, nobody without credentials, and refuses both at once or a malformed header', async () => {
    const key = generateApiKey();
    expect(await resolve({ apiKey: key })).toMatchObject({ id: 'apikey:k1', roles: [Role.INTEGRATOR] });
    expect(await resolve({})).toBeNull();
    expect(await resolve({ authorization: '', apiKey: '' })).toBeNull();
    const session = await signSessionToken({ id: 'u1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' }, authSecret);
    await expect(resolve({ authorization: `Bearer ${session}`, apiKey: key })).rejects.toMatchObject({ message: '请只携带一种凭证：登录令牌或 API 密钥' });
    for (const bad of [{ authorization: session }, { authorization: 'Bearer not-a-jwt' }, { apiKey: ['x'] }]) {
      expect(await codeOf(resolve(bad))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('caller resolver with an idle-session timeout', () => {
  it('refuses our own session token after 30 minutes unused, but not the identity platform’s', async () => {
    let time = Date.now();
    const clock = () => time;
    const withIdle = callerResolver({
      authSecret,
      identityProvider: { issuer: 'https://idp.example', sharedKey, claims: { name: 'name', roles: 'roles', region: 'region', unit: 'unit' } },
      apiKeys: new ApiKeyVerifier(async () => integrator, 0),
      sessionIdle: new SessionIdleTimeout(new MemorySessionActivity(clock), 30, clock),
    });
    const session = await signSessionToken({ id: 'u1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' }, authSecret);
    const platform = await hs256('https://idp.example', sharedKey);
    expect(await withIdle({ authorization: `Bearer ${session}` })).toMatchObject({ id: 'u1' });
    time += 31 * 60_000;
    await expect(withIdle({ authorization: `Bearer ${session}` })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: SESSION_IDLE });
    expect(await withIdle({ authorization: `Bearer ${platform}` })).toMatchObject({ id: 'idp:p-1' });
  });
});
