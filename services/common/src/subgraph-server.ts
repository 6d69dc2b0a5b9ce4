import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { CLIENT_ADDRESS_HEADER, GATEWAY_AUTH_HEADER, verifyGatewayToken, type Caller } from './auth.js';
import { maskError } from './errors.js';
import { graphqlHttpHandler } from './http.js';

export interface SubgraphContext {
  caller: Caller | null;
  /** The client's address as the gateway saw it (CLIENT_ADDRESS_HEADER), for audit records. */
  clientAddress?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** How long a stopping server lets requests in progress finish before it closes their connections. */
/**
 * A variable the subgraph's own scalar refuses (an impossible DateTimeISO, which the gateway's
 * supergraph cannot check) is answered 200 with its BAD_USER_INPUT: the gateway turns a subgraph's
 * HTTP 400 into an internal error, losing the code the caller needs.
 */
const variableErrorsAsResults: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (response.http.status === 400 && errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')) response.http.status = 200;
      },
    };
  },
};

export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections and lets the requests in progress finish (at most `graceMs`), then
 * closes whatever connections are left. A keep-alive connection is closed as soon as it is idle.
 */
export async function closeGracefully(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((done) => server.close(() => done()));
  // idle keep-alive connections now, and each busy one once its answer is sent
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(idle);
  clearTimeout(deadline);
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Serves a subgraph. Every request must carry the gateway's signature; without it the request
 * is refused before any resolver runs, so nobody can query a subgraph around the gateway.
 */
export async function startSubgraphServer<TDeps extends object>(options: {
  name: string;
  schema: GraphQLSchema;
  deps: TDeps;
  internalSecret: Uint8Array;
  port: number;
  host: string;
}): Promise<RunningServer> {
  const apollo = new ApolloServer<SubgraphContext & TDeps>({
    schema: options.schema,
    formatError: maskError,
    hideSchemaDetailsFromClientErrors: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), variableErrorsAsResults],
  });
  await apollo.start();
  const handle = graphqlHttpHandler(apollo, async (req) => {
    const header = req.headers[GATEWAY_AUTH_HEADER];
    const caller = await verifyGatewayToken(Array.isArray(header) ? header[0] : header, options.internalSecret);
    // Trusted as far as the signature above: only the gateway reaches a subgraph.
    const address = req.headers[CLIENT_ADDRESS_HEADER];
    return { ...options.deps, caller, ...(typeof address === 'string' && address ? { clientAddress: address.slice(0, 45) } : {}) };
  });
  const http = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: options.name, ok: true }));
      return;
    }
    void handle(req, res);
  });
  const port = await listen(http, options.port, options.host);
  return {
    port,
    url: `http://${options.host}:${port}/graphql`,
    async stop() {
      await closeGracefully(http);
      await apollo.stop();
    },
  };
}
