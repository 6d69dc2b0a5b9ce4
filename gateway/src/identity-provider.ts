import { ADMIN_ROLES, INVALID_TOKEN, Role, type Caller } from '@bizenv/common/auth';
import type { IdentityProviderConfig } from '@bizenv/common/config';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isRegionCode } from '@bizenv/common/region-code';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';

/** Verifies one kind of bearer token and says who it names. */
export type TokenVerifier = (token: string) => Promise<Caller>;

/** The asymmetric algorithms accepted from a JWKS; never `none`, never a symmetric one (key confusion). */
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256'];
// A caller's id and name are kept as the actor of audit and timeline entries (64 characters).
const MAX_SUBJECT_LENGTH = 60;
const MAX_NAME_LENGTH = 64;
// The platform's clock and ours may differ a little.
const CLOCK_TOLERANCE_SECONDS = 30;

// Roles a platform may give; an integrator is a system with an API key, not a person signing in.
const GRANTABLE_ROLES = new Set<string>(Object.values(Role).filter((role) => role !== Role.INTEGRATOR));

/** The JWKS could not be fetched: the platform is down, not the token bad. */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code;
}

/**
 * The caller a platform token names. Permissions always come from the roles (our table), never
 * from a claim; a token naming no role of ours, or no valid region, signs nobody in.
 */
function callerFromIdentityClaims(payload: JWTPayload, claims: IdentityProviderConfig['claims']): Caller {
  const { sub } = payload;
  const name = payload[claims.name];
  const roles = payload[claims.roles];
  const region = payload[claims.region];
  const unit = payload[claims.unit];
  if (typeof sub !== 'string' || !sub || sub.length > MAX_SUBJECT_LENGTH) {
    throw new DomainError(ErrorCode.Unauthenticated, '统一身份认证令牌缺少有效的用户标识');
  }
  const granted = Array.isArray(roles) ? [...new Set(roles.filter((role): role is Role => GRANTABLE_ROLES.has(role)))] : [];
  if (!granted.length) throw new DomainError(ErrorCode.Unauthenticated, '统一身份认证令牌未授予本系统的角色，请联系管理员');
  // 三员分立 holds for the platform's people too.
  if (granted.filter((role) => ADMIN_ROLES.includes(role)).length > 1) {
    throw new DomainError(ErrorCode.Unauthenticated, '统一身份认证令牌同时授予了系统管理员、安全管理员、审计管理员中的多个角色，请联系管理员');
  }
  if (typeof region !== 'string' || !isRegionCode(region)) {
    throw new DomainError(ErrorCode.Unauthenticated, '统一身份认证令牌的行政区划代码无效');
  }
  if (unit !== undefined && typeof unit !== 'string') throw new DomainError(ErrorCode.Unauthenticated, '统一身份认证令牌的单位标识无效');
  return {
    // Prefixed: a platform's subject never collides with one of our own account ids.
    id: `idp:${sub}`,
    name: typeof name === 'string' && name.trim() ? [...name.trim()].slice(0, MAX_NAME_LENGTH).join('') : sub,
    roles: granted,
    regionCode: region,
    ...(unit ? { unitId: unit } : {}),
  };
}

/**
 * Tokens of the unified identity platform: its issuer (and audience, when configured), an
 * expiry, and a signature by its JWKS keys (fetched, cached, refetched when an unknown `kid`
 * appears, at most once per `jwksCooldownMs`) or by the shared HS256 key.
 */
export function identityProviderVerifier(config: IdentityProviderConfig, options: { jwksCooldownMs?: number } = {}): TokenVerifier {
  const verifyOptions: JWTVerifyOptions = {
    issuer: config.issuer,
    ...(config.audience ? { audience: config.audience } : {}),
    algorithms: config.jwksUrl ? JWKS_ALGORITHMS : ['HS256'],
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  const jwks = config.jwksUrl ? createRemoteJWKSet(config.jwksUrl, { cooldownDuration: options.jwksCooldownMs }) : undefined;
  const sharedKey = config.sharedKey;
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = jwks ? await jwtVerify(token, jwks, verifyOptions) : await jwtVerify(token, sharedKey!, verifyOptions));
    } catch (error) {
      if (jwks && keysUnavailable(error)) {
        // Masked for the caller as an internal error: a platform outage is not a bad sign-in.
        throw new Error(`identity provider keys unavailable at ${config.jwksUrl}`, { cause: error });
      }
      throw new DomainError(ErrorCode.Unauthenticated, INVALID_TOKEN);
    }
    return callerFromIdentityClaims(payload, config.claims);
  };
}
