const STORAGE_KEY = 'bizenv.screen.token'

// In memory too: sessionStorage can be unavailable (locked-down kiosk browsers)
let token: string | null = null

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function store(value: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, value)
  } catch {
    // memory only; a reload will need the link again
  }
}

/**
 * Takes `?token=` from the address (a fresh screen link wins over a stored token), keeps it in
 * sessionStorage so that a reload of the tab still works, and removes it from the visible URL.
 * Call once, before the app mounts.
 */
export function captureToken(): void {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')?.trim()
  if (fromUrl) {
    token = fromUrl
    store(fromUrl)
  } else {
    token = readStored()
  }
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  }
}

export function getToken(): string | null {
  return token
}

/** Header for HTTP POST /graphql; empty when the screen has no token. */
export function authHeader(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}
