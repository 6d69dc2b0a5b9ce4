import { signSessionToken, type Caller, type Role } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { DataSource } from 'typeorm';
import { verifyPassword } from './password.js';
import type { Session } from './session.js';
import { User } from './user.entity.js';

export function callerOf(user: User): Caller {
  return {
    id: user.id,
    name: user.displayName,
    roles: user.roles.split(',').filter(Boolean) as Role[],
    regionCode: user.regionCode,
    ...(user.unitId ? { unitId: user.unitId } : {}),
  };
}

export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authSecret: Uint8Array,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    const user = await this.dataSource.getRepository(User).findOneBy({ username });
    // Same answer for an unknown user and a wrong password: no account enumeration.
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new DomainError(ErrorCode.Unauthenticated, '用户名或密码错误');
    }
    const caller = callerOf(user);
    return { token: await signSessionToken(caller, this.authSecret), viewer: caller };
  }
}
