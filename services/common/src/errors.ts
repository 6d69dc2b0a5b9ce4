import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable codes an integrator can rely on in `extensions.code`. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  InvalidTransition = 'INVALID_TRANSITION',
  InvalidCreditCode = 'INVALID_CREDIT_CODE',
  /** The document is too long, too deep, too costly, or has too many aliases or directives. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** Too many requests from one caller (or, signed out, one address); `retryAfter` says when to try again. */
  RateLimited = 'RATE_LIMITED',
  /** The request body exceeds the size the server reads. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** Too many failed sign-ins for this account: locked until `lockedUntil` (or a security administrator unlocks it). */
  AccountLocked = 'ACCOUNT_LOCKED',
  /** A subgraph did not answer (down, or no answer within the gateway's timeout); `service` names it. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** An `idempotencyKey` already used by this caller for this operation with a different input. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.Unauthenticated]: 401,
};

/** A domain error: a zh-CN message for the user and a stable code for the integrator. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    // `code` last: a detail of the same name (a region's code) must not replace the error code
    super(message, { extensions: { ...details, code, ...(status ? { http: { status } } : {}) } });
  }
}

// INTERNAL_SERVER_ERROR is not among them: Apollo gives that code to raw driver errors too.
const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Known errors pass through; anything else (a driver error, a stack, an internal URL) becomes a
 * generic internal error so nothing about the machinery leaks to the caller.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error('[internal error]', error);
  return { message: '服务内部错误，请稍后重试', path: formatted.path, extensions: { code: ErrorCode.InternalServerError } };
}
