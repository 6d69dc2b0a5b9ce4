import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { DomainError, ErrorCode } from './errors.js';

/** The largest request body read (and the largest WebSocket message accepted). */
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new DomainError(ErrorCode.PayloadTooLarge, `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MiB 上限`);

/**
 * The body, up to MAX_BODY_BYTES. A longer one is refused as soon as that is known (its
 * Content-Length, or the bytes received so far) and nothing more of it is kept.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Serves one Apollo Server over plain node:http, so the gateway can share its server with the
 * WebSocket endpoint and static files. `context` sees the request and its parsed body (before
 * Apollo parses the document) and may throw a GraphQLError to refuse the request; its
 * `extensions.http` sets the status and headers.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (req: IncomingMessage, body: unknown) => Promise<TContext>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    try {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      body = raw && /json/.test(req.headers['content-type'] ?? '') ? JSON.parse(raw) : raw;
    } catch (error) {
      if (error instanceof DomainError) {
        // The rest of the body is not read: the connection closes after this answer.
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { errors: [{ message: error.message, extensions: error.extensions }] });
      }
      return sendJson(res, 400, { errors: [{ message: '请求体不是有效的 JSON', extensions: { code: ErrorCode.BadUserInput } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context(req, body),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
