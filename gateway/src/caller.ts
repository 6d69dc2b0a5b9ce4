import { INVALID_TOKEN, ISSUER, verifySessionToken, type Caller } from '@bizenv/common/auth';
import type { IdentityProviderConfig } from '@bizenv/common/config';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { decodeJwt } from 'jose';
import { INVALID_API_KEY, type ApiKeyVerifier } from './api-key-verifier.js';
import { identityProviderVerifier, type TokenVerifier } from './identity-provider.js';
import type { SessionIdleTimeout } from './session-idle.js';

/** What a request presents, from its headers or a subscription's connection parameters. */
export interface Credentials {
  /** `Bearer <token>`: a session token of ours or one of the identity platform. */
  authorization?: unknown;
  /** An integrator's API key. */
  apiKey?: unknown;
}

/** Who is asking; `null` for nobody (who may only sign in). Bad credentials are refused, never downgraded. */
export type CallerResolver = (credentials: Credentials) => Promise<Caller | null>;

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The `iss` of a token, read before verifying it only to choose who verifies it. */
function issuerOf(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

export function callerResolver(options: {
  authSecret: Uint8Array;
  identityProvider?: IdentityProviderConfig;
  apiKeys: ApiKeyVerifier;
  /** Our own session tokens stop working after a time unused (the platform's sessions are its own). */
  sessionIdle?: SessionIdleTimeout;
}): CallerResolver {
  const ourSession: TokenVerifier = async (token) => {
    const caller = await verifySessionToken(token, options.authSecret);
    await options.sessionIdle?.check(token, caller, decodeJwt(token).iat ?? 0);
    return caller;
  };
  // One verifier per issuer: a token is checked by its issuer's verifier and no other, so a
  // platform token is never tried against our key (or ours against the platform's).
  const verifiers = new Map<string, TokenVerifier>([[ISSUER, ourSession]]);
  if (options.identityProvider) verifiers.set(options.identityProvider.issuer, identityProviderVerifier(options.identityProvider));

  return async ({ authorization, apiKey }) => {
    if (present(authorization) && present(apiKey)) {
      throw new DomainError(ErrorCode.Unauthenticated, '请只携带一种凭证：登录令牌或 API 密钥');
    }
    if (present(apiKey)) {
      if (typeof apiKey !== 'string') throw new DomainError(ErrorCode.Unauthenticated, INVALID_API_KEY);
      return options.apiKeys.verify(apiKey);
    }
    if (!present(authorization)) return null;
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, '登录凭证格式不正确，应为 Bearer 令牌');
    const issuer = issuerOf(match[1]);
    const verify = issuer === undefined ? undefined : verifiers.get(issuer);
    if (!verify) throw new DomainError(ErrorCode.Unauthenticated, INVALID_TOKEN);
    return verify(match[1]);
  };
}
