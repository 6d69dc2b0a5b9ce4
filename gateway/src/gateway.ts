import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_ADDRESS_HEADER, GATEWAY_AUTH_HEADER, signGatewayToken, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { GraphQLError } from 'graphql';

export interface GatewayContext {
  caller: Caller | null;
  /** The TCP peer (never a forwarded-for header a client could forge): keys signed-out callers' limits. */
  clientAddress?: string;
}

/** The longest the gateway waits for a subgraph's answer; then that subgraph's fields are null. */
export const SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * Signs the caller onto every subgraph request, with a bounded wait for the answer. A subgraph
 * that is down or too slow costs only its own fields: they are null, with one error naming it.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly internalSecret: Uint8Array,
    timeoutMs = SUBGRAPH_TIMEOUT_MS,
  ) {
    super({ url, fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) } as RequestInit) as never });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      // An answer with an error status stays as it is; no answer at all (refused, reset, timed out) is this error.
      if (error instanceof GraphQLError) throw error;
      console.warn(`[gateway] subgraph ${this.serviceName} unavailable: ${(error as Error).message}`);
      throw new DomainError(ErrorCode.ServiceUnavailable, `子系统 ${this.serviceName} 暂时无法访问，其数据暂缺，请稍后重试`, { service: this.serviceName });
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'caller' in context ? (context.caller ?? null) : null;
    request.http?.headers.set(GATEWAY_AUTH_HEADER, await signGatewayToken(caller, this.internalSecret));
    // For the audit log (sign-ins); set here only, never taken from the client.
    if ('clientAddress' in context && context.clientAddress) request.http?.headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
  }
}

/** A gateway over the committed supergraph; subgraph URLs come from configuration, not the file. */
export function createGateway(supergraphSdl: string, subgraphUrls: Record<string, string>, internalSecret: Uint8Array): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}"`);
      return new SignedDataSource(name, url, internalSecret);
    },
  });
}
