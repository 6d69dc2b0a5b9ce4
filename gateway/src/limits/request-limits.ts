import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AccessDenialReporter } from '../access-denials.js';
import type { GatewayContext } from '../gateway.js';
import { checkQueryShape, checkQueryText } from './query-limits.js';
import { RateLimiter } from './rate-limiter.js';
import { ScreenAllowList } from './screen-allow-list.js';

/** Failed sign-ins per address per minute: enough for typing mistakes, too few for guessing. */
const LOGIN_FAILURES_PER_MINUTE = 10;

export interface RequestLimitsOptions {
  /** HTTP requests and subscriptions per caller per minute (signed-out callers: per address). */
  requestsPerMinute: number;
  production: boolean;
  now?: () => number;
  /** Told of each refusal of a document a wall screen may not run (for the audit log). */
  reportDenial?: AccessDenialReporter;
}

/** What graphql-ws passes to `onSubscribe`. */
export interface SubscribePayload {
  operationName?: string | null;
  query: string;
  variables?: Record<string, unknown> | null;
}

function rateLimited(message: string, retryAfter: number): DomainError {
  return new DomainError(ErrorCode.RateLimited, `${message}，请 ${retryAfter} 秒后重试`, { retryAfter });
}

/** "Did you mean …?" names fields, types and values that production does not show. */
const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean(.+?)\?$/, '');

/** The document text of an HTTP request before Apollo parses it: POST JSON `query`, or GET `?query=`. */
function queryTextOf(req: IncomingMessage, body: unknown): string | undefined {
  if (req.method === 'GET') return new URL(req.url ?? '/', 'http://localhost').searchParams.get('query') ?? undefined;
  const query = body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
  return typeof query === 'string' ? query : undefined;
}

/** Response keys of the operation's root fields named `name`, fragments included. */
function rootFieldKeys(document: DocumentNode, operation: OperationDefinitionNode, name: string): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) keys.push(selection.alias?.value ?? name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return keys;
}

/** The HTTP status each refusal is answered with. */
const HTTP_STATUS: Record<string, number> = { [ErrorCode.QueryTooComplex]: 400, [ErrorCode.Forbidden]: 403, [ErrorCode.RateLimited]: 429 };

/** The same error with the HTTP status (and Retry-After) Apollo should answer with. */
function forHttp(error: GraphQLError): GraphQLError {
  const { code, retryAfter } = error.extensions;
  const headers = new HeaderMap(retryAfter ? [['retry-after', String(retryAfter)]] : []);
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: HTTP_STATUS[String(code)] ?? 400, headers } } });
}

/**
 * The gateway's limits on abusive requests, for HTTP (a wrapper of the request context, which
 * runs before Apollo parses the document, and an Apollo plugin) and for subscriptions
 * (graphql-ws `onSubscribe`). Every check runs before graphql validates the document:
 * - requests per caller (token subject or API key; signed out: the client address), a token
 *   bucket per gateway process: with N gateways a caller gets up to N times the limit;
 * - the document's length and tokens before parsing, and its depth, aliases, cost and
 *   directives after (query-limits.ts);
 * - a wall screen's token runs only the screen's own documents;
 * - failed sign-ins per address (each `login` field takes one, a successful one gives it back).
 */
export class RequestLimits {
  private readonly requests: RateLimiter;
  private readonly loginFailures: RateLimiter;
  private readonly screen = ScreenAllowList.fromManifest();

  constructor(private readonly options: RequestLimitsOptions) {
    this.requests = new RateLimiter(options.requestsPerMinute, { now: options.now });
    this.loginFailures = new RateLimiter(LOGIN_FAILURES_PER_MINUTE, { now: options.now });
  }

  /**
   * One request of `caller` (or, signed out, of `address`) with document `text`: refused when
   * their bucket is empty, the document is over a limit, or the caller may not run it. A text
   * that does not parse gets its syntax error.
   */
  private admit(schema: GraphQLSchema, caller: Caller | null, address: string | undefined, text: string): DocumentNode | GraphQLError {
    const retryAfter = this.requests.take(caller ? `caller:${caller.id}` : `address:${address ?? 'unknown'}`);
    if (retryAfter) return rateLimited('请求过于频繁', retryAfter);
    const tooLong = checkQueryText(text);
    if (tooLong) return tooLong;
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      return error as GraphQLError;
    }
    const tooComplex = checkQueryShape(schema, document)[0];
    if (tooComplex) return tooComplex;
    const notForScreen = this.screen.check(caller, document);
    if (notForScreen && caller) this.options.reportDenial?.(caller, address, [{ operationName: null, path: null, message: notForScreen.message }]);
    return notForScreen ?? document;
  }

  /** Wraps the HTTP request context: each request is admitted (see `admit`) before Apollo parses it. */
  httpContext(
    schema: Promise<GraphQLSchema>,
    create: (req: IncomingMessage) => Promise<GatewayContext>,
  ): (req: IncomingMessage, body: unknown) => Promise<GatewayContext> {
    return async (req, body) => {
      const context = await create(req);
      const clientAddress = req.socket.remoteAddress;
      const text = queryTextOf(req, body);
      // No text: Apollo refuses the request itself (persisted queries are off).
      const admitted = text === undefined ? undefined : this.admit(await schema, context.caller, clientAddress, text);
      // A syntax error is left to Apollo, which reports it its own way.
      if (admitted instanceof GraphQLError && admitted.extensions.code) throw forHttp(admitted);
      return { ...context, clientAddress };
    };
  }

  /**
   * Counts the `login` fields of each HTTP mutation against the client address; in production,
   * takes "Did you mean" out of every error (Apollo's hideSchemaDetailsFromClientErrors does so
   * for validation errors only, not for a variable's value).
   */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => {
        let signIns: { key: string; responseKeys: string[] } | undefined;
        return {
          didResolveOperation: async ({ document, operation, contextValue }) => {
            if (operation?.operation !== OperationTypeNode.MUTATION) return;
            const key = `address:${contextValue.clientAddress ?? 'unknown'}`;
            const responseKeys = rootFieldKeys(document, operation, 'login');
            for (let taken = 0; taken < responseKeys.length; taken++) {
              const retryAfter = this.loginFailures.take(key);
              if (!retryAfter) continue;
              for (let i = 0; i < taken; i++) this.loginFailures.refund(key);
              throw forHttp(rateLimited('登录失败次数过多', retryAfter));
            }
            signIns = { key, responseKeys };
          },
          willSendResponse: async ({ response }) => {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            for (const responseKey of signIns?.responseKeys ?? []) if (result.data?.[responseKey]) this.loginFailures.refund(signIns!.key);
            if (this.options.production && result.errors) {
              result.errors = result.errors.map((error) => ({ ...error, message: withoutSuggestions(error.message) }));
            }
          },
        };
      },
    };
  }

  /**
   * graphql-ws `onSubscribe`: admitted as over HTTP, then validated here (graphql-ws then skips
   * its own parsing and validation). Only subscriptions are served on the socket.
   */
  subscription(schema: GraphQLSchema, caller: Caller | null, address: string | undefined, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const document = this.admit(schema, caller, address, payload.query);
    if (document instanceof GraphQLError) return [document];
    const rules = this.options.production ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
    const invalid = validate(schema, document, rules);
    if (invalid.length && this.options.production) {
      return invalid.map((error) => new GraphQLError(withoutSuggestions(error.message), { nodes: error.nodes, extensions: error.extensions }));
    }
    if (invalid.length) return invalid;
    if (getOperationAST(document, payload.operationName)?.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [new DomainError(ErrorCode.BadUserInput, '此连接只用于订阅（须有且只有一个要执行的 subscription 操作）；查询和变更请用 HTTP POST /graphql')];
    }
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
  }
}
