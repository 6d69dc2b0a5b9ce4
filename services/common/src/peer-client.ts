import { GATEWAY_AUTH_HEADER, signGatewayToken, type Caller, type Permission } from './auth.js';
import type { SubgraphName } from './config.js';

const TIMEOUT_MS = 10_000;

/** A subgraph asking another one directly, signed like the gateway, as itself and with no region. */
export interface PeerClient {
  /** Whether the other subgraph's address is known here. */
  has(subgraph: SubgraphName): boolean;
  /** Runs `document` there with exactly `permissions`; throws on any GraphQL or network error. */
  query<T>(subgraph: SubgraphName, permissions: Permission[], document: string, variables?: Record<string, unknown>): Promise<T>;
}

export function peerClient(self: SubgraphName, urls: Partial<Record<SubgraphName, string>>, internalSecret: Uint8Array): PeerClient {
  return {
    has: (subgraph) => Boolean(urls[subgraph]),
    async query<T>(subgraph: SubgraphName, permissions: Permission[], document: string, variables: Record<string, unknown> = {}) {
      const url = urls[subgraph];
      if (!url) throw new Error(`no address for subgraph ${subgraph}`);
      // No region: the caller can read nothing region-scoped, only what `permissions` allow globally.
      const caller: Caller = { id: `subgraph:${self}`, name: `${self}子图`, roles: [], regionCode: '', permissions };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_AUTH_HEADER]: await signGatewayToken(caller, internalSecret) },
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (result.errors?.length || !result.data) {
        throw new Error(`${subgraph} answered ${response.status}: ${result.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
      }
      return result.data;
    },
  };
}
