import { randomBytes } from 'node:crypto';
import { signSessionToken, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { DataSource } from 'typeorm';
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

export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authSecret: Uint8Array,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ username: normalizeUsername(username) });
    // Same answer, after the same slow hash, for an unknown user, a disabled account and a wrong
    // password: no account enumeration, not even by timing.
    const matches = await verifyPassword(password, person?.passwordHash ?? (await unusableHash()));
    if (!person?.passwordHash || !matches) throw new DomainError(ErrorCode.Unauthenticated, '用户名或密码错误');
    const caller = callerOf(person);
    return { token: await signSessionToken(caller, this.authSecret), viewer: caller };
  }
}
