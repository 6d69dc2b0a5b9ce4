import { DomainError, ErrorCode } from '@bizenv/common/errors';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

/** Usernames are compared in lower case, so `Admin` and `admin` are one account on every database. */
export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

export function requireUsername(value: string, field = 'username'): string {
  const username = normalizeUsername(value);
  if (!USERNAME.test(username)) {
    throw new DomainError(ErrorCode.BadUserInput, '用户名应为3到32位，以字母开头，只含字母、数字和 . _ -', { field });
  }
  return username;
}
