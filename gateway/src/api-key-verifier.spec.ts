import { generateApiKey, hashApiKey } from '@bizenv/common/api-key';
import { Permission, Role } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { describe, expect, it } from 'vitest';
import { ApiKeyVerifier, INVALID_API_KEY, type ApiKeyRecord } from './api-key-verifier.js';

const record = (overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id: 'k1',
  name: '12345热线平台',
  regionCode: '990100',
  scopes: ['STATS_READ', 'COMPLAINT_READ', 'NO_SUCH_SCOPE'],
  expiresAt: null,
  ...overrides,
});

/** A lookup that answers from `answers` in turn and records the hashes asked for. */
function lookup(...answers: (ApiKeyRecord | null)[]) {
  const asked: string[] = [];
  return {
    asked,
    fn: async (hash: string) => {
      asked.push(hash);
      return answers.length > 1 ? answers.shift()! : answers[0];
    },
  };
}

const advance = (seconds: number) => setClockOffset(clockOffsetMs() + seconds * 1000);

describe('API key verifier', () => {
  it('asks by hash and makes an integrator with exactly the key scopes in its region', async () => {
    const key = generateApiKey();
    const keys = lookup(record());
    const caller = await new ApiKeyVerifier(keys.fn, 30).verify(key);
    expect(keys.asked).toEqual([hashApiKey(key)]);
    expect(caller).toEqual({ id: 'apikey:k1', name: '12345热线平台', roles: [Role.INTEGRATOR], permissions: [Permission.STATS_READ, Permission.COMPLAINT_READ], regionCode: '990100' });
  });

  it('trusts a verified key for the window, then asks again', async () => {
    const key = generateApiKey();
    const keys = lookup(record(), null);
    const verifier = new ApiKeyVerifier(keys.fn, 2);
    await verifier.verify(key);
    await verifier.verify(key);
    expect(keys.asked).toHaveLength(1);
    advance(3);
    await expect(verifier.verify(key)).rejects.toMatchObject({ message: INVALID_API_KEY, extensions: { code: 'UNAUTHENTICATED' } });
    expect(keys.asked).toHaveLength(2);
  });

  it('never trusts a key past its expiry, and asks every time with a window of 0', async () => {
    const key = generateApiKey();
    const expiring = lookup(record({ expiresAt: new Date(now().getTime() + 1000).toISOString() }), null);
    const verifier = new ApiKeyVerifier(expiring.fn, 30);
    await verifier.verify(key);
    advance(2);
    await expect(verifier.verify(key)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

    const uncached = lookup(record());
    const noWindow = new ApiKeyVerifier(uncached.fn, 0);
    await noWindow.verify(key);
    await noWindow.verify(key);
    expect(uncached.asked).toHaveLength(2);
  });

  it('does not remember an unknown key, and does not look up what is not shaped like a key', async () => {
    const key = generateApiKey();
    const keys = lookup(null, record());
    const verifier = new ApiKeyVerifier(keys.fn, 30);
    await expect(verifier.verify(key)).rejects.toMatchObject({ message: INVALID_API_KEY });
    expect((await verifier.verify(key)).id).toBe('apikey:k1');
    for (const bad of ['', 'bzk_short', `${key}x`, key.replace('bzk_', 'sk_')]) {
      await expect(verifier.verify(bad)).rejects.toMatchObject({ message: INVALID_API_KEY });
    }
    expect(keys.asked).toHaveLength(2);
  });
});
