import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'

// a string, not a URL: under happy-dom the global URL is the window's
const GEO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/geo')

/**
 * What happy-dom lacks for the screen: `document.fonts` (every glyph is "loaded" at once) and
 * the map files behind fetch (`geo/<code>_full.json` from dashboard/public, 404 otherwise).
 * `graphql` answers POST /graphql when given.
 */
export function stubBrowser(graphql?: (body: { query: string; operationName: string; variables: Record<string, unknown> }, headers: Headers) => unknown): void {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { load: () => Promise.resolve([]) } })
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), window.location.href)
    const geo = /\/geo\/(\d+)_full\.json$/.exec(url.pathname)
    if (geo) {
      try {
        return new Response(readFileSync(resolve(GEO_DIR, `${geo[1]}_full.json`), 'utf8'), { headers: { 'content-type': 'application/json' } })
      } catch {
        return new Response('not found', { status: 404 })
      }
    }
    if (url.pathname === '/graphql' && graphql) {
      const answer = graphql(JSON.parse(String(init?.body)), new Headers(init?.headers))
      return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } })
    }
    return new Response('not found', { status: 404 })
  })
}

/** Lets every pending promise and microtask run (fake timers do not wait for them). */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}
