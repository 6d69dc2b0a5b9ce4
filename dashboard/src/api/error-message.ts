interface CloseEventLike {
  code: number
  reason: string
}

interface GraphQLErrorLike {
  message?: string
  extensions?: { code?: unknown }
}

const UNAUTHENTICATED = '身份验证失败：访问令牌无效或已过期，请使用新的大屏链接打开。'

const CODE_MESSAGES: Record<string, string | undefined> = {
  UNAUTHENTICATED,
  FORBIDDEN: '无权查看该区域的数据。',
}

const CLOSE_MESSAGES: Record<number, string | undefined> = {
  4401: UNAUTHENTICATED,
  4403: '无权访问：访问令牌未获授权。',
}

const hasCjk = (text: string) => /[\u4e00-\u9fff]/.test(text)

export function isCloseEventLike(value: unknown): value is CloseEventLike {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value
}

/** zh-CN text of one GraphQL error: the server's own message when it is Chinese. */
export function graphqlErrorMessage(error: GraphQLErrorLike): string {
  const message = error.message ?? ''
  if (hasCjk(message)) return message
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ''
  return CODE_MESSAGES[code] ?? (message ? `服务错误：${message}` : '服务错误')
}

/** zh-CN text of a socket close (4401/4403 carry the server's reason when it is Chinese). */
export function closeMessage(event: CloseEventLike): string {
  if (hasCjk(event.reason)) return event.reason
  return CLOSE_MESSAGES[event.code] ?? `连接已关闭（${event.code}${event.reason ? ` ${event.reason}` : ''}）`
}

/** zh-CN text for whatever a graphql-ws sink reports as an error. */
export function describeError(error: unknown): string {
  if (Array.isArray(error)) {
    const messages = error.map((e: GraphQLErrorLike) => graphqlErrorMessage(e))
    return [...new Set(messages)].join('；') || '服务错误'
  }
  if (isCloseEventLike(error)) return closeMessage(error)
  if (error instanceof Error && hasCjk(error.message)) return error.message
  return '无法连接到服务器，正在重试…'
}
