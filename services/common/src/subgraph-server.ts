import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { GATEWAY_AUTH_HEADER, verifyGatewayToken, type Caller } from './auth.js';
import { maskError } from './errors.js';
import { graphqlHttpHandler } from './http.js';

export interface SubgraphContext {
  caller: Caller | null;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
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
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const handle = graphqlHttpHandler(apollo, async (req) => {
    const header = req.headers[GATEWAY_AUTH_HEADER];
    const caller = await verifyGatewayToken(Array.isArray(header) ? header[0] : header, options.internalSecret);
    return { ...options.deps, caller };
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
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
