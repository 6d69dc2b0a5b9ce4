import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_AUTH_HEADER, signGatewayToken, type Caller } from '@bizenv/common/auth';

export interface GatewayContext {
  caller: Caller | null;
  /** The TCP peer (never a forwarded-for header a client could forge): keys signed-out callers' limits. */
  clientAddress?: string;
}

const SUBGRAPH_TIMEOUT_MS = 10_000;

/** Signs the caller onto every subgraph request, with a bounded wait for the answer. */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalSecret: Uint8Array,
  ) {
    super({ url, fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS) } as RequestInit) as never });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'caller' in context ? (context.caller ?? null) : null;
    request.http?.headers.set(GATEWAY_AUTH_HEADER, await signGatewayToken(caller, this.internalSecret));
  }
}

/** A gateway over the committed supergraph; subgraph URLs come from configuration, not the file. */
export function createGateway(supergraphSdl: string, subgraphUrls: Record<string, string>, internalSecret: Uint8Array): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}"`);
      return new SignedDataSource(url, internalSecret);
    },
  });
}
