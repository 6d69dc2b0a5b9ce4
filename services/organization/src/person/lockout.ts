import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { formatShanghaiTime } from '@bizenv/common/spreadsheet';
import type { EntityManager } from 'typeorm';
import { Person } from './person.entity.js';

/** 5 failed sign-ins within 15 minutes lock the account for 30 minutes. */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILURE_WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 30;

/** A new account's, and every account's after a successful sign-in or an unlock. */
export const NO_FAILED_SIGN_INS = { failedSignIns: 0, failedSince: null, lockedUntil: null } as const;

export function lockedAt(person: Pick<Person, 'lockedUntil'>, at: Date): Date | null {
  return person.lockedUntil && person.lockedUntil.getTime() > at.getTime() ? person.lockedUntil : null;
}

export function accountLocked(until: Date, at: Date): DomainError {
  return new DomainError(ErrorCode.AccountLocked, `登录失败次数过多，账号已锁定至 ${formatShanghaiTime(until)}；如需提前解锁，请联系安全管理员`, {
    lockedUntil: until.toISOString(),
    retryAfter: Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)),
  });
}

/**
 * Counts one failed sign-in of `person` at `at`, in one statement so that concurrent attempts
 * (on any replica) each count; the failure that reaches the limit locks the account and gets
 * the time, every other `null`.
 */
export async function countFailedSignIn(manager: EntityManager, person: Person, at: Date): Promise<Date | null> {
  const windowStart = new Date(at.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
  const inWindow = 'failedSince IS NOT NULL AND failedSince > :windowStart';
  await manager
    .createQueryBuilder()
    .update(Person)
    .set({
      failedSignIns: () => `CASE WHEN ${inWindow} THEN failedSignIns + 1 ELSE 1 END`,
      failedSince: () => `CASE WHEN ${inWindow} THEN failedSince ELSE :at END`,
    })
    .where('id = :id', { id: person.id, windowStart, at })
    .execute();
  const until = new Date(at.getTime() + LOCK_MINUTES * 60_000);
  const locked = await manager
    .createQueryBuilder()
    .update(Person)
    .set({ ...NO_FAILED_SIGN_INS, lockedUntil: until })
    .where('id = :id AND failedSignIns >= :max', { id: person.id, max: MAX_FAILED_SIGN_INS })
    .execute();
  return locked.affected === 1 ? until : null;
}
