import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallerResolver } from '../caller.js';
import { closeRefused, RECHECK_MS, watchCredentials } from './credential-watch.js';

const refused = (message: string) => new DomainError(ErrorCode.Unauthenticated, message);
const token = (expiresAt: number) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(expiresAt / 1000)).sign(new Uint8Array(32));

describe('watchCredentials', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it("verifies a token again at its expiry and reports the verifier's refusal", async () => {
    const authorization = `Bearer ${await token(Date.now() + 60_000)}`;
    let expired = false;
    const resolve = vi.fn<CallerResolver>(async () => {
      if (expired) throw refused('登录凭证无效或已过期，请重新登录');
      return null;
    });
    const lapsed = vi.fn();
    watchCredentials({ authorization }, resolve, lapsed);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(resolve).not.toHaveBeenCalled();
    expired = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(resolve).toHaveBeenCalledOnce();
    expect(lapsed).toHaveBeenCalledWith('登录凭证无效或已过期，请重新登录');
  });

  it('after the expiry, while an issuer tolerates clock skew, asks every second until refused', async () => {
    const authorization = `Bearer ${await token(Date.now() + 1000)}`;
    const answers = [null, null, refused('过期')];
    const resolve = vi.fn<CallerResolver>(async () => {
      const answer = answers.shift();
      if (answer) throw answer;
      return null;
    });
    const lapsed = vi.fn();
    watchCredentials({ authorization }, resolve, lapsed);
    await vi.advanceTimersByTimeAsync(1000 + 2 * RECHECK_MS);
    expect(resolve).toHaveBeenCalledTimes(3);
    expect(lapsed).toHaveBeenCalledWith('过期');
  });

  it('reaches the expiry of a 30-day token although one timer cannot wait that long', async () => {
    const authorization = `Bearer ${await token(Date.now() + 30 * 86_400_000)}`;
    const resolve = vi.fn<CallerResolver>(async () => null);
    watchCredentials({ authorization }, resolve, vi.fn());
    await vi.advanceTimersByTimeAsync(30 * 86_400_000 - 1000);
    // one early wake-up at the timer's limit (24.8 days) that found the token still valid
    expect(resolve).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1000);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('verifies an API key every second, keeps the socket while the lookup fails for other reasons, and stops', async () => {
    const answers: (Error | null)[] = [null, new Error('organization unreachable'), refused('API 密钥无效、已吊销或已过期')];
    const resolve = vi.fn<CallerResolver>(async () => {
      const answer = answers.shift();
      if (answer) throw answer;
      return null;
    });
    const lapsed = vi.fn();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    watchCredentials({ apiKey: 'bk_x' }, resolve, lapsed);
    await vi.advanceTimersByTimeAsync(2 * RECHECK_MS);
    expect(lapsed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(lapsed).toHaveBeenCalledWith('API 密钥无效、已吊销或已过期');

    const stop = watchCredentials({ apiKey: 'bk_x' }, resolve, lapsed);
    stop();
    await vi.advanceTimersByTimeAsync(10 * RECHECK_MS);
    expect(resolve).toHaveBeenCalledTimes(3);
  });
});

describe('closeRefused', () => {
  it('closes with 4403 and the reason, or a short one when the reason does not fit a close frame', () => {
    const socket = { close: vi.fn() };
    closeRefused(socket, '登录凭证无效或已过期，请重新登录');
    expect(socket.close).toHaveBeenLastCalledWith(4403, '登录凭证无效或已过期，请重新登录');
    closeRefused(socket, '长'.repeat(42));
    expect(socket.close).toHaveBeenLastCalledWith(4403, 'Forbidden');
  });
});
