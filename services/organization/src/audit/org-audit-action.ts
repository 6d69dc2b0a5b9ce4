/** What the organization audit log records (审计日志). */
export enum OrgAuditAction {
  /** 登录: success or failure, with the username tried and the client's address. */
  SIGN_IN = 'SIGN_IN',
  /** Locked after too many failed sign-ins. */
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  ACCOUNT_UNLOCKED = 'ACCOUNT_UNLOCKED',
  /** A person's roles granted or taken away (权限变更). */
  ROLE_CHANGE = 'ROLE_CHANGE',
  /** An account opened, renamed or its password reset. */
  ACCOUNT_SET = 'ACCOUNT_SET',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  API_KEY_CREATE = 'API_KEY_CREATE',
  API_KEY_REVOKE = 'API_KEY_REVOKE',
  /** A request refused with FORBIDDEN anywhere behind the gateway. */
  ACCESS_DENIED = 'ACCESS_DENIED',
}
