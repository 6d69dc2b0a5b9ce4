import { hashApiKey, isApiKeyShaped } from '@bizenv/common/api-key';
import { GATEWAY_AUTH_HEADER, Permission, Role, signGatewayToken, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/** An active key as the organization subgraph describes it (scopes by GraphQL enum name). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  regionCode: string;
  scopes: string[];
  expiresAt: string | null;
}

/** Finds the active (not revoked, not expired) key with this SHA-256 hash, or null. */
export type ApiKeyLookup = (secretHash: string) => Promise<ApiKeyRecord | null>;

/** Unknown, revoked and expired keys get the same answer: nothing to learn by trying. */
export const INVALID_API_KEY = 'API 密钥无效、已吊销或已过期';

const PERMISSION_BY_NAME = new Map(Object.entries(Permission));
const LOOKUP_TIMEOUT_MS = 5_000;

const LOOKUP = /* GraphQL */ `
  query ApiKeyBySecretHash($secretHash: String!) {
    apiKeyBySecretHash(secretHash: $secretHash) { id name regionCode scopes expiresAt }
  }
`;

/**
 * Asks the organization subgraph directly, signed like every gateway call. The field is
 * `@inaccessible`: it is not in the gateway's API, so no client can ask it.
 */
export function organizationApiKeyLookup(organizationUrl: string, internalSecret: Uint8Array): ApiKeyLookup {
  return async (secretHash) => {
    const response = await fetch(organizationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_AUTH_HEADER]: await signGatewayToken(null, internalSecret) },
      body: JSON.stringify({ query: LOOKUP, variables: { secretHash } }),
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: { apiKeyBySecretHash: ApiKeyRecord | null }; errors?: unknown[] };
    if (!body.data || body.errors) throw new Error(`API key lookup failed: ${JSON.stringify(body.errors ?? response.status)}`);
    return body.data.apiKeyBySecretHash;
  };
}

function callerOf(key: ApiKeyRecord): Caller {
  return {
    id: `apikey:${key.id}`,
    name: key.name,
    roles: [Role.INTEGRATOR],
    permissions: key.scopes.flatMap((name) => PERMISSION_BY_NAME.get(name) ?? []),
    regionCode: key.regionCode,
  };
}

/**
 * The caller an API key stands for. A verified key is trusted for `cacheSeconds` (never past
 * its expiry), so a revoked key keeps working at this gateway for at most that long; unknown
 * keys are not remembered, so a new key works at once.
 */
export class ApiKeyVerifier {
  private readonly trusted = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly lookup: ApiKeyLookup,
    private readonly cacheSeconds: number,
  ) {}

  async verify(key: string): Promise<Caller> {
    if (!isApiKeyShaped(key)) throw new DomainError(ErrorCode.Unauthenticated, INVALID_API_KEY);
    const secretHash = hashApiKey(key);
    const at = now().getTime();
    const cached = this.trusted.get(secretHash);
    if (cached && cached.until > at) return cached.caller;
    this.trusted.delete(secretHash);
    const record = await this.lookup(secretHash);
    if (!record) throw new DomainError(ErrorCode.Unauthenticated, INVALID_API_KEY);
    const caller = callerOf(record);
    const until = Math.min(at + this.cacheSeconds * 1000, record.expiresAt ? Date.parse(record.expiresAt) : Infinity);
    if (until > at) this.remember(secretHash, caller, until, at);
    return caller;
  }

  private remember(secretHash: string, caller: Caller, until: number, at: number): void {
    // Entries of keys no longer used are dropped here, so the map holds at most the keys in use.
    for (const [hash, entry] of this.trusted) if (entry.until <= at) this.trusted.delete(hash);
    this.trusted.set(secretHash, { caller, until });
  }
}
