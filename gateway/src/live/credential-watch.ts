import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { decodeJwt } from 'jose';
import type { CallerResolver, Credentials } from '../caller.js';

/**
 * Close code of a socket whose credentials are refused, at the handshake or later (token
 * expired, API key revoked): graphql-ws' Forbidden, after which clients reconnect with the token
 * they hold then. (4401 would end a graphql-ws client's retries for good.)
 */
export const CREDENTIALS_REFUSED = 4403;

/** Closes a socket whose credentials are refused, with the reason (a close reason holds at most 123 bytes). */
export function closeRefused(socket: { close(code: number, reason: string): void }, message: string): void {
  socket.close(CREDENTIALS_REFUSED, Buffer.byteLength(message) <= 123 ? message : 'Forbidden');
}

/** An API key on an open socket is verified again this often (from the verifier's cache, mostly). */
export const RECHECK_MS = 1000;
/** setTimeout's longest delay (about 24.8 days): a 30-day screen token's expiry is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until a verified bearer token's `exp`; once past (an issuer's clock tolerance), RECHECK_MS. */
function untilExpiry(authorization: string, at: number): number {
  const { exp } = decodeJwt(authorization.replace(/^Bearer\s+/i, ''));
  const left = typeof exp === 'number' ? exp * 1000 - at : 0;
  return left > 0 ? left : RECHECK_MS;
}

/**
 * Verifies an open socket's credentials again when they may have lapsed — a token at its
 * expiry, an API key every RECHECK_MS (the verifier asks the organization subgraph once
 * its cache of API_KEY_CACHE_SECONDS has run out, so a revoked key ends within that window) —
 * and calls `lapsed` with the refusal's message once they are refused. A failed check that is
 * not a refusal (the organization subgraph unreachable) keeps the socket and tries again.
 * Returns the stop.
 */
export function watchCredentials(credentials: Credentials, resolveCaller: CallerResolver, lapsed: (message: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    const delay = typeof credentials.authorization === 'string' ? untilExpiry(credentials.authorization, Date.now()) : RECHECK_MS;
    timer = setTimeout(check, Math.min(delay, MAX_TIMER_MS));
  };
  const check = async () => {
    try {
      await resolveCaller(credentials);
    } catch (error) {
      if (stopped) return;
      if (error instanceof DomainError && error.extensions.code === ErrorCode.Unauthenticated) return lapsed(error.message);
      console.warn('[gateway] could not verify a subscriber again; keeping it', (error as Error).message);
    }
    if (!stopped) schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
