import { authHeader } from './auth'
import { graphqlErrorMessage } from './error-message'

interface GraphQLErrorLike {
  message?: string
  extensions?: { code?: unknown }
}

/** A query the server refused or could not answer; `code` is its `extensions.code` when it gave one. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message)
  }
}

/**
 * One query over HTTP POST /graphql (same origin as the screen), with the screen's token.
 * Returns `data` when the server sent any without errors; otherwise throws a QueryError with
 * a zh-CN message.
 */
export async function queryOnce<Data>(query: string, operationName: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<Data> {
  let response: Response
  try {
    response = await fetch(new URL('/graphql', window.location.href), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader() },
      body: JSON.stringify({ query, operationName, variables }),
      signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new QueryError('无法连接到服务器', null)
  }
  let body: { data?: Data | null; errors?: GraphQLErrorLike[] }
  try {
    body = await response.json()
  } catch {
    throw new QueryError(`服务错误（${response.status}）`, null)
  }
  const first = body.errors?.[0]
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : null
    throw new QueryError([...new Set(body.errors!.map(graphqlErrorMessage))].join('；'), code)
  }
  if (body.data == null) throw new QueryError(`服务错误（${response.status}）`, null)
  return body.data
}
