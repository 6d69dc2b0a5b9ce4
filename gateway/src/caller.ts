import { verifySessionToken, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/**
 * The caller named by an `Authorization: Bearer …` value. No header means nobody (anonymous,
 * who may only sign in); a header that does not verify is refused, never downgraded.
 */
export async function callerFromAuthorization(header: unknown, authSecret: Uint8Array): Promise<Caller | null> {
  if (header === undefined || header === null || header === '') return null;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new DomainError(ErrorCode.Unauthenticated, '登录凭证格式不正确，应为 Bearer 令牌');
  return verifySessionToken(match[1], authSecret);
}
