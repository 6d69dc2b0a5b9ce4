import { randomBytes } from 'node:crypto';
import { signSessionToken, type Caller } from '@bizenv/common/auth';
import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { appendAudit } from '@bizenv/common/audit-log';
import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { OrgAuditAction } from '../audit/org-audit-action.js';
import { accountLocked, countFailedSignIn, LOCK_MINUTES, lockedAt, MAX_FAILED_SIGN_INS, NO_FAILED_SIGN_INS } from './lockout.js';
import { hashPassword, verifyPassword } from './password.js';
import { Person } from './person.entity.js';
import type { Session } from './session.js';
import { normalizeUsername } from './username.js';

export function callerOf(person: Person): Caller {
  return {
    id: person.id,
    name: person.name,
    roles: person.roles,
    regionCode: person.regionCode,
    ...(person.unitId ? { unitId: person.unitId } : {}),
  };
}

let unusable: Promise<string> | undefined;
/** A hash of a random password nobody knows, to verify against when there is no account. */
function unusableHash(): Promise<string> {
  unusable ??= hashPassword(randomBytes(32).toString('base64'));
  return unusable;
}

/** The account a sign-in tried, as the audit log names it: the person, or nobody (`-`). */
function actorOf(person: Person | null) {
  return person ? { id: person.id, name: person.name, roles: person.roles, regionCode: person.regionCode } : { id: '-', name: '未知账号', roles: [], regionCode: '' };
}

export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authSecret: Uint8Array,
  ) {}

  /**
   * Every attempt is audited (account tried, address, result). A locked account is refused
   * whatever the password; the failure that reaches the limit locks it (lockout.ts).
   */
  async login(username: string, password: string, address?: string): Promise<Session> {
    const name = normalizeUsername(username);
    const person = await this.dataSource.getRepository(Person).findOneBy({ username: name });
    const audit = (manager: EntityManager, action: OrgAuditAction, result: AuditResult, detail: string | null) =>
      appendAudit(manager, { actor: actorOf(person), action, targetId: name, result, detail, address });
    const at = now();
    const locked = person?.passwordHash ? lockedAt(person, at) : null;
    if (locked) {
      await inTransaction(this.dataSource, (manager) => audit(manager, OrgAuditAction.SIGN_IN, AuditResult.DENIED, '账号已锁定'));
      throw accountLocked(locked, at);
    }
    // Same answer, after the same slow hash, for an unknown user, a disabled account and a wrong
    // password: no account enumeration, not even by timing.
    const matches = await verifyPassword(password, person?.passwordHash ?? (await unusableHash()));
    if (!person?.passwordHash || !matches) {
      const lockedNow = await inTransaction<Date | null>(this.dataSource, async (manager) => {
        const reason = !person ? '用户名不存在' : !person.passwordHash ? '账号已停用' : '密码错误';
        await audit(manager, OrgAuditAction.SIGN_IN, AuditResult.DENIED, reason);
        const until = person?.passwordHash ? await countFailedSignIn(manager, person, at) : null;
        if (until) await audit(manager, OrgAuditAction.ACCOUNT_LOCKED, AuditResult.ALLOWED, `连续${MAX_FAILED_SIGN_INS}次登录失败，锁定${LOCK_MINUTES}分钟`);
        return until;
      });
      if (lockedNow) throw accountLocked(lockedNow, at);
      throw new DomainError(ErrorCode.Unauthenticated, '用户名或密码错误');
    }
    // Guesses sent in parallel were all past the lock check above before any of them failed:
    // the lock is checked again where the counter is cleared, so a right guess among them cannot
    // lift a lock the others set meanwhile.
    const lockedMeanwhile = await inTransaction<Date | null>(this.dataSource, async (manager) => {
      await manager
        .createQueryBuilder()
        .update(Person)
        .set(NO_FAILED_SIGN_INS)
        .where('id = :id AND (lockedUntil IS NULL OR lockedUntil <= :at)', { id: person.id, at })
        .execute();
      const until = lockedAt(await manager.findOneByOrFail(Person, { id: person.id }), at);
      await audit(manager, OrgAuditAction.SIGN_IN, until ? AuditResult.DENIED : AuditResult.ALLOWED, until ? '账号已锁定' : null);
      return until;
    });
    if (lockedMeanwhile) throw accountLocked(lockedMeanwhile, at);
    const caller = callerOf(person);
    return { token: await signSessionToken(caller, this.authSecret), viewer: caller };
  }
}
